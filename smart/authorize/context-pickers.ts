import type { Bundle, Encounter, Patient } from 'fhir/r4';
import type { Request, Response } from 'express';
import { systemContext } from '../../resources/access/access-context';
import { isFhirError } from '../../resources/errors/fhir-error';
import { encounterPickerPage, patientPickerPage, type Choice } from '../pages/picker-page';
import type { SmartServices } from '../smart-services';
import { interactionUrl, locals, sendPage } from './interaction-context';

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const PICKER_PAGE_SIZE = '20';

/**
 * Standalone launch context (SMART §launch/patient, §launch/encounter): the user picks the patient, then
 * optionally an encounter. Patients are searched and checked through the Repository with a system context,
 * so the picker's reads are audited like any other. A user who is a patient can only pick themself.
 */
export async function renderPatientPicker(services: SmartServices, req: Request, res: Response, error?: string): Promise<void> {
  const { session, txn } = locals(res);
  const query = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
  const params: [string, string][] = [['_count', PICKER_PAGE_SIZE]];
  if (query.trim() !== '') params.push(['name', query.trim()]);
  const result = await services.repository.search(systemContext('patient-picker', res.locals.requestId as string), { resourceType: 'Patient', params, handling: 'lenient' });
  sendPage(
    res,
    error ? 400 : 200,
    patientPickerPage({
      action: interactionUrl(services, txn.transactionID, 'patient'),
      searchAction: interactionUrl(services, txn.transactionID),
      csrf: session.record.csrf,
      query,
      patients: resources<Patient>(result.bundle, 'Patient').map(patientChoice),
      error,
    }),
  );
}

export async function renderEncounterPicker(services: SmartServices, res: Response): Promise<void> {
  const { session, txn } = locals(res);
  const params: [string, string][] = [['patient', `Patient/${txn.record.patient}`], ['_count', PICKER_PAGE_SIZE]];
  const result = await services.repository.search(systemContext('encounter-picker', res.locals.requestId as string), { resourceType: 'Encounter', params, handling: 'lenient' });
  const encounters = resources<Encounter>(result.bundle, 'Encounter').map((e) => ({
    id: e.id!,
    label: e.type?.[0]?.text ?? e.type?.[0]?.coding?.[0]?.display ?? e.class?.display ?? e.class?.code ?? 'Encounter',
    detail: [e.period?.start?.slice(0, 10), e.status, `Encounter/${e.id}`].filter(Boolean).join(' · '),
  }));
  sendPage(res, 200, encounterPickerPage({ action: interactionUrl(services, txn.transactionID, 'encounter'), csrf: session.record.csrf, encounters }));
}

/** POST .../patient */
export function choosePatient(services: SmartServices) {
  return async (req: Request, res: Response): Promise<void> => {
    const { txn } = locals(res);
    const id = String((req.body as Record<string, unknown>).patient ?? '');
    if (!ID.test(id) || !(await exists(services, res, 'Patient', id))) {
      await renderPatientPicker(services, req, res, 'Choose one of the patients listed.');
      return;
    }
    await services.interactions.save({ ...txn.record, patient: id });
    res.redirect(303, interactionUrl(services, txn.transactionID));
  };
}

/** POST .../encounter (an empty choice means no encounter). */
export function chooseEncounter(services: SmartServices) {
  return async (req: Request, res: Response): Promise<void> => {
    const { txn } = locals(res);
    const id = String((req.body as Record<string, unknown>).encounter ?? '');
    if (id === '') await services.interactions.save({ ...txn.record, encounterSkipped: true });
    else if (ID.test(id) && (await exists(services, res, 'Encounter', id))) await services.interactions.save({ ...txn.record, encounter: id });
    res.redirect(303, interactionUrl(services, txn.transactionID));
  };
}

/** A patient user (fhirUser Patient/x) is their own launch context. */
export async function pickSelf(services: SmartServices, res: Response, fhirUser: string | undefined): Promise<boolean> {
  const { txn } = locals(res);
  if (!fhirUser?.startsWith('Patient/')) return false;
  await services.interactions.save({ ...txn.record, patient: fhirUser.slice('Patient/'.length) });
  txn.record.patient = fhirUser.slice('Patient/'.length);
  return true;
}

export async function exists(services: SmartServices, res: Response, type: string, id: string): Promise<boolean> {
  try {
    await services.repository.read(systemContext('launch-context-check', res.locals.requestId as string), type, id);
    return true;
  } catch (e) {
    if (isFhirError(e) && (e.kind === 'not-found' || e.kind === 'gone')) return false;
    throw e;
  }
}

function resources<T extends { resourceType: string; id?: string }>(bundle: Bundle, type: string): T[] {
  return (bundle.entry ?? [])
    .filter((e) => e.search?.mode !== 'include')
    .map((e) => e.resource as unknown as T)
    .filter((r) => r?.resourceType === type && typeof r.id === 'string');
}

function patientChoice(p: Patient): Choice {
  const name = p.name?.[0];
  const label = name ? [name.family, (name.given ?? []).join(' ')].filter(Boolean).join(', ') || name.text || `Patient/${p.id}` : `Patient/${p.id}`;
  return { id: p.id!, label, detail: [p.birthDate && `born ${p.birthDate}`, p.gender, `Patient/${p.id}`].filter(Boolean).join(' · ') };
}
