import { DEFAULT_OPTIONS, patientId } from '../../data';
import { VITALS } from '../../data/vocabulary/observations';

/**
 * The queries of the search scenarios, spread over the data set so that caches do not answer them all: each list
 * is taken in turn, patient by patient. Ids follow the generator's scheme (test/data/ids.ts).
 */
const LOINC = 'http://loinc.org';
/** Patients the scenarios rotate through: enough to defeat caching, few enough to build quickly. */
const ROTATION = 500;

function patients(total: number): string[] {
  const step = Math.max(1, Math.floor(total / ROTATION));
  return Array.from({ length: Math.min(total, ROTATION) }, (_, i) => patientId(i * step));
}

/** `Observation?patient=X&code=Y`: one patient's vital sign of one kind. */
export function patientCodeQueries(total: number): string[] {
  const codes = Object.values(VITALS).map((v) => v.code);
  return patients(total).map((p, i) => `/Observation?patient=${p}&code=${encodeURIComponent(`${LOINC}|${codes[i % codes.length]}`)}`);
}

/** US Core's lab results query: a patient's labs since 2020, newest first, 50 a page. */
export function labsSinceQueries(total: number): string[] {
  return patients(total).map((p) => `/Observation?patient=${p}&category=laboratory&date=ge2020-01-01&_sort=-date&_count=50`);
}

/**
 * A page of 50 Encounters with the Provenance that records each: the encounters of a panel of patients (a care
 * team's list), enough patients that their encounters fill the page.
 */
export function encountersWithProvenanceQueries(total: number): string[] {
  const panel = Math.ceil(50 / DEFAULT_OPTIONS.encountersPerPatient) + 1;
  const all = patients(total);
  return all.map((_, i) => {
    const members = Array.from({ length: panel }, (_, j) => all[(i + j) % all.length]);
    return `/Encounter?patient=${members.join(',')}&_count=50&_revinclude=Provenance:target`;
  });
}
