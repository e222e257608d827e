import { InvalidRequest } from '../../errors/oauth-errors';
import type { AuthorizeCheck } from '../authorize-check';

/**
 * SMART §EHR launch: a `launch` value must name a live launch context made for this client, and the `launch`
 * scope goes with it; its patient and encounter become the context of the grant.
 */
export const checkLaunch: AuthorizeCheck = async ({ areq, client }, deps) => {
  const wantsLaunch = areq.requestedScopes!.includes('launch');
  if (areq.launch === undefined) {
    if (wantsLaunch) throw new InvalidRequest('The launch scope needs the launch parameter from an EHR launch');
    return;
  }
  if (typeof areq.launch !== 'string' || areq.launch === '') throw new InvalidRequest('launch must be the value the EHR sent');
  const record = await deps.launches.find(areq.launch, client!._id);
  if (!record) throw new InvalidRequest('Unknown or expired launch');
  if (!wantsLaunch) areq.requestedScopes!.push('launch');
  areq.launchId = record._id;
  if (record.patient !== undefined) areq.launchPatient = record.patient;
  if (record.encounter !== undefined) areq.launchEncounter = record.encounter;
};
