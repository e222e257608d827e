import type { BundleEntryRequest } from './bundle-entry';

/** A transaction's entries in the order R4 prescribes for processing them. */
export interface ProcessingOrder {
  deletes: BundleEntryRequest[];
  /** POST entries, then PUT and PATCH entries, each group in the order of the request. */
  writes: BundleEntryRequest[];
  reads: BundleEntryRequest[];
}

/**
 * R4 http.html#trules: "1. Process any DELETE interactions 2. Process any POST interactions 3. Process any PUT or
 * PATCH interactions 4. Process any GET or HEAD interactions". Within a group the request's order is kept; the
 * response lists the entries in the request's order whatever the processing order was.
 */
export function processingOrder(entries: readonly BundleEntryRequest[]): ProcessingOrder {
  const order: ProcessingOrder = { deletes: [], writes: [], reads: [] };
  const updates: BundleEntryRequest[] = [];
  for (const entry of entries) {
    if (entry.method === 'DELETE') order.deletes.push(entry);
    else if (entry.method === 'POST') order.writes.push(entry);
    else if (entry.method === 'PUT' || entry.method === 'PATCH') updates.push(entry);
    else order.reads.push(entry);
  }
  order.writes.push(...updates);
  return order;
}
