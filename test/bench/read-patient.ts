import type { Patient } from 'fhir/r4';
import { samplePatient } from '../data/sample';
import { forEachReference } from '../data/references';

/** Seed of the ~1 KB Patient that fhir-read creates and reads, and that the bare handler serves. */
export const READ_PATIENT_SEED = 1;

/**
 * The sample Patient with its references (general practitioner, managing organization) reduced to
 * display-only References: they point at shared resources the server under test does not hold, and a
 * server that checks referential integrity would rightly refuse them.
 */
function readPatient(): Patient {
  const patient = samplePatient(READ_PATIENT_SEED);
  forEachReference(patient, (ref) => {
    ref.display ??= ref.reference;
    delete ref.reference;
  });
  return patient;
}

/** The body fhir-read POSTs: no id, since the server assigns one. */
export function readPatientCreateBody(): string {
  const { id: _serverAssigns, ...patient } = readPatient();
  return JSON.stringify(patient);
}

/**
 * What the bare handler answers: the same Patient as a FHIR server returns it on read, with an id and
 * version metadata, so both scenarios move the same bytes and differ only in the work behind them.
 */
export function readPatientResponseBody(): string {
  const patient: Patient = { ...readPatient(), meta: { versionId: '1', lastUpdated: '2026-01-01T00:00:00.000Z' } };
  return JSON.stringify(patient);
}
