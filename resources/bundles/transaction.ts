import type { Bundle, BundleEntry } from 'fhir/r4';
import type { AccessContext } from '../access/access-context';
import { badRequest } from '../errors/fhir-error';
import type { RepositoryTransaction } from '../repository/repository-transaction';
import { readBundleEntry, type BundleEntryRequest } from './bundle-entry';
import type { BundleOptions } from './bundle-options';
import { EntryLinks } from './entry-links';
import { executeEntry, type EntryResult } from './entry-execution';
import { asEntry } from './entry-failure';
import { processingOrder } from './processing-order';
import { patientsTouched, responseBundle } from './response-bundle';
import { criteriaParams } from './search-criteria';
import { resolveTargets } from './transaction-targets';

/**
 * A transaction Bundle (R4 http.html#transaction), run inside one RepositoryTransaction: every entry and every
 * AuditEvent commits together, and any failure throws, which rolls all of it back. The store may run this more
 * than once (optimistic concurrency), so it only reads and writes through `tx` and builds its answer as it goes.
 */
export async function runTransaction(
  tx: RepositoryTransaction,
  ctx: AccessContext,
  bundleEntries: readonly BundleEntry[],
  options: BundleOptions,
): Promise<{ value: Bundle; patients: string[] }> {
  const entries = bundleEntries.map((e, i) => readBundleEntry(e, i, options.fhirBase));
  const links = new EntryLinks(fullUrlIndex(entries));
  const order = processingOrder(entries);
  const results: EntryResult[] = new Array(entries.length);
  const run = (entry: BundleEntryRequest, work: () => Promise<EntryResult>) =>
    asEntry(entry, options.statusOf, work).then((result) => (results[entry.index] = result));

  const deleted = new Map<number, string>();
  for (const entry of order.deletes) {
    const result = await run(entry, () => {
      if (entry.url.kind === 'criteria' && links.queryDependencies(entry.url.query).length > 0) {
        throw badRequest('A DELETE cannot name other entries in its criteria: deletes are processed before anything is created', `Bundle.entry[${entry.index}].request.url`);
      }
      return executeEntry(tx, ctx, entry, options);
    });
    if (result.kind === 'delete' && result.outcome) deleted.set(entry.index, result.outcome.version.reference);
  }

  const targets = await resolveTargets(order.writes, deleted, {
    links,
    newId: () => tx.newId(),
    statusOf: options.statusOf,
    search: async (type, query) => {
      const found = await tx.search(ctx, { resourceType: type, params: [...criteriaParams(query), ['_count', '2'], ['_total', 'none']], handling: 'strict' });
      return found.entries.filter((e) => e.mode === 'match').map((e) => e.id);
    },
  });
  for (const entry of order.writes) {
    await run(entry, () => executeEntry(tx, ctx, withLinks(entry, links), options, targets.get(entry.index)));
  }
  for (const entry of order.reads) {
    await run(entry, () => executeEntry(tx, ctx, withQueryLinks(entry, links), options));
  }
  return { value: responseBundle('transaction-response', entries, results, options), patients: patientsTouched(results) };
}

/** Every fullUrl with the index of its entry; two entries with one fullUrl make references ambiguous (bundle.html#bundle-unique). */
function fullUrlIndex(entries: readonly BundleEntryRequest[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const entry of entries) {
    if (entry.fullUrl === undefined) continue;
    const other = index.get(entry.fullUrl);
    if (other !== undefined) {
      throw badRequest(`Entries ${other} and ${entry.index} have the same fullUrl ${entry.fullUrl}`, [`Bundle.entry[${other}].fullUrl`, `Bundle.entry[${entry.index}].fullUrl`]);
    }
    index.set(entry.fullUrl, entry.index);
  }
  return index;
}

/** The entry with the bundle's links rewritten in its resource or patch. */
function withLinks(entry: BundleEntryRequest, links: EntryLinks): BundleEntryRequest {
  const at = `Bundle.entry[${entry.index}].resource`;
  if (entry.resource !== undefined) return { ...entry, resource: links.rewriteResource(entry.resource, at) };
  if (entry.patch !== undefined) return { ...entry, patch: links.rewritePatch(entry.patch) };
  return entry;
}

/** A GET entry with the fullUrls in its query replaced (`Observation?subject=urn:uuid:...`). */
function withQueryLinks(entry: BundleEntryRequest, links: EntryLinks): BundleEntryRequest {
  const { url } = entry;
  if (url.kind === 'version' || url.query === '') return entry;
  const query = links.rewriteQuery(url.query, `Bundle.entry[${entry.index}].request.url`);
  return query === url.query ? entry : { ...entry, url: { ...url, query } };
}
