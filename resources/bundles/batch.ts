import type { Bundle, BundleEntry } from 'fhir/r4';
import type { AccessContext } from '../access/access-context';
import { badRequest } from '../errors/fhir-error';
import { readBundleEntry, type BundleEntryRequest } from './bundle-entry';
import type { BundleOptions } from './bundle-options';
import { executeEntry, type EntryRepository, type EntryResult } from './entry-execution';
import { failureEntry } from './entry-response';
import { forEachLink } from './reference-rewriter';
import { patientsTouched, responseBundle } from './response-bundle';

const PLACEHOLDER = /^urn:(uuid|oid):/;

/**
 * A batch Bundle (R4 http.html#batch): each entry is carried out on its own, through the Repository as if it had
 * been sent alone (its own store transaction, its own AuditEvent), in the request's order; one that fails gets its
 * status and OperationOutcome in its response entry and the others go on.
 */
export async function runBatch(
  repository: EntryRepository,
  ctx: AccessContext,
  bundleEntries: readonly BundleEntry[],
  options: BundleOptions,
): Promise<{ value: Bundle; patients: string[] }> {
  const fullUrls = new Map<string, number>();
  bundleEntries.forEach((e, i) => typeof e?.fullUrl === 'string' && !fullUrls.has(e.fullUrl) && fullUrls.set(e.fullUrl, i));
  const requests: (BundleEntryRequest | undefined)[] = [];
  const results: (EntryResult | BundleEntry)[] = [];
  for (let i = 0; i < bundleEntries.length; i++) {
    try {
      const entry = readBundleEntry(bundleEntries[i], i, options.fhirBase);
      requests[i] = entry;
      refuseLinksToEntries(entry, fullUrls);
      results[i] = await executeEntry(repository, ctx, entry, options);
    } catch (e) {
      const error = options.toFhirError(e);
      results[i] = failureEntry(error, options.statusOf(error.kind));
    }
  }
  return { value: responseBundle('batch-response', requests, results, options), patients: patientsTouched(results) };
}

/**
 * "There SHALL be no interdependencies between the different entries in the Bundle that cause change on the
 * server" (R4 http.html#brules): a placeholder (`urn:uuid:`, `urn:oid:`) is only ever resolved by a transaction,
 * so in a batch entry's references or criteria it names another entry, or nothing, and the entry is refused.
 */
function refuseLinksToEntries(entry: BundleEntryRequest, fullUrls: ReadonlyMap<string, number>): void {
  const at = `Bundle.entry[${entry.index}]`;
  const refuse = (value: string, where: string) => {
    const other = fullUrls.get(value);
    const why = other === undefined ? 'names no resource' : `names entry ${other}`;
    return badRequest(`'${value}' at ${where} ${why}: entries of a batch are independent; send a transaction to link entries`, where);
  };
  if (entry.resource !== undefined) {
    forEachLink(
      entry.resource,
      (value, kind, path) => {
        if (kind === 'reference') throw refuse(value, `${at}.resource${path.slice(path.indexOf('.'))}`);
      },
      (value) => PLACEHOLDER.test(value),
    );
  }
  const query = entry.ifNoneExist ?? ('query' in entry.url ? entry.url.query : '');
  for (const [, value] of new URLSearchParams(query)) {
    if (PLACEHOLDER.test(value)) throw refuse(value, `${at}.request`);
  }
}
