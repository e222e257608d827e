import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry } from 'fhir/r4';
import { patientsOf } from '../audit/auditor';
import type { BundleEntryRequest } from './bundle-entry';
import type { BundleOptions } from './bundle-options';
import type { EntryResult } from './entry-execution';
import { successEntry } from './entry-response';

/** A `transaction-response` or `batch-response` Bundle (R4 http.html#transaction-response): one entry per request entry, in its order. */
export function responseBundle(
  type: 'transaction-response' | 'batch-response',
  entries: readonly (Pick<BundleEntryRequest, 'method'> | undefined)[],
  results: readonly (EntryResult | BundleEntry)[],
  options: Pick<BundleOptions, 'fhirBase' | 'prefer'>,
): Bundle {
  const entry = results.map((result, i) => {
    if (!('kind' in result)) return result;
    const response = successEntry(result, options.fhirBase, options.prefer);
    // HEAD is GET without the body (http.html#read).
    if (entries[i]?.method === 'HEAD') delete response.resource;
    return response;
  });
  return { resourceType: 'Bundle', id: randomUUID(), type, ...(entry.length > 0 ? { entry } : {}) };
}

/** The patients whose data the entries wrote or returned, for the bundle's own AuditEvent. */
export function patientsTouched(results: readonly (EntryResult | BundleEntry | undefined)[]): string[] {
  const patients = new Set<string>();
  for (const result of results) {
    if (!result || !('kind' in result)) continue;
    const compartments =
      result.kind === 'write' ? result.outcome.version.compartments
      : result.kind === 'delete' ? result.outcome?.version.compartments ?? []
      : result.kind === 'read' ? result.version.compartments
      : result.compartments;
    for (const patient of patientsOf(compartments)) patients.add(patient);
  }
  return [...patients];
}
