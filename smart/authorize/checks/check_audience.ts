import { InvalidRequest } from '../../errors/oauth-errors';
import type { AuthorizeCheck } from '../authorize-check';

/**
 * SMART §authorize: `aud` names the FHIR server the app wants to talk to and must be ours, so an app tricked
 * into sending its user here for another server's resources gets no code (a counterfeit-server defence).
 */
export const checkAudience: AuthorizeCheck = ({ areq }, deps) => {
  if (typeof areq.aud !== 'string' || areq.aud === '') throw new InvalidRequest('aud is required: the FHIR base URL');
  if (areq.aud.replace(/\/+$/, '') !== deps.fhirBase) throw new InvalidRequest(`aud must be this server's FHIR base URL, ${deps.fhirBase}`);
};
