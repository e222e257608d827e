import type { Bundle, BundleEntry } from 'fhir/r4';
import type { AccessContext } from '../access/access-context';
import { badRequest, payloadTooLarge } from '../errors/fhir-error';
import type { Repository } from '../repository/repository';
import { runBatch } from './batch';
import type { BundleOptions } from './bundle-options';
import { runTransaction } from './transaction';

/**
 * `POST [base]` with a batch or transaction Bundle (R4 http.html#transaction), as one audited interaction of the
 * Repository: a transaction commits all its entries or none, a batch carries out each on its own. Answers with the
 * `transaction-response` or `batch-response` Bundle; a failed transaction throws the failing entry's error.
 */
export async function processBundle(repository: Repository, ctx: AccessContext, body: unknown, options: BundleOptions): Promise<Bundle> {
  const { type, entries } = checkBundle(body, options.maxEntries);
  if (type === 'batch') return repository.bundle(ctx, 'batch', () => runBatch(repository, ctx, entries, options));
  return repository.bundle(ctx, 'transaction', (tx) => runTransaction(tx!, ctx, entries, options));
}

/**
 * Bundles of other types are not interactions to carry out: a document, message or collection is stored as itself
 * with `POST [base]/Bundle` (bundle.html#rest), and messages are processed by `$process-message`, which this
 * server does not offer.
 */
function checkBundle(body: unknown, maxEntries: number): { type: 'batch' | 'transaction'; entries: BundleEntry[] } {
  const bundle = body as Bundle | null;
  if (bundle === null || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') {
    throw badRequest('POST to the FHIR base takes a Bundle of type batch or transaction', 'resourceType');
  }
  if (bundle.type !== 'batch' && bundle.type !== 'transaction') {
    const stored = bundle.type === 'document' || bundle.type === 'message' || bundle.type === 'collection';
    const hint = stored ? `; to store this ${bundle.type} Bundle as a resource, POST it to [base]/Bundle` : '';
    throw badRequest(`POST to the FHIR base processes batch and transaction Bundles, not a Bundle of type '${String(bundle.type)}'${hint}`, 'Bundle.type');
  }
  if (bundle.entry !== undefined && !Array.isArray(bundle.entry)) throw badRequest('Bundle.entry must be a list', 'Bundle.entry');
  const entries = bundle.entry ?? [];
  if (entries.length > maxEntries) {
    throw payloadTooLarge(`This ${bundle.type} has ${entries.length} entries; this server takes at most ${maxEntries} in one Bundle (split it into several)`);
  }
  return { type: bundle.type, entries };
}
