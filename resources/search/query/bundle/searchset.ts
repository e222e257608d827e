import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, BundleLink, OperationOutcome, Resource } from 'fhir/r4';

/** One resource of a page and why it is there (search.html#searchset: match or include). */
export interface PageEntry {
  type: string;
  id: string;
  resource: Resource;
  mode: 'match' | 'include';
}

/**
 * The searchset Bundle (R4 bundle.html#searchset, search.html#bundle): total when known, the page links, and
 * per entry its fullUrl and search mode; warnings about the search itself ride along as an OperationOutcome entry
 * with mode `outcome`.
 */
export function searchsetBundle(input: {
  fhirBase: string;
  entries: readonly PageEntry[];
  links: BundleLink[];
  total?: number;
  outcome?: OperationOutcome;
  now: number;
}): Bundle {
  const entry: BundleEntry[] = input.entries.map((e) => ({
    fullUrl: `${input.fhirBase}/${e.type}/${e.id}`,
    resource: e.resource,
    search: { mode: e.mode },
  }));
  if (input.outcome) entry.push({ fullUrl: `urn:uuid:${randomUUID()}`, resource: input.outcome, search: { mode: 'outcome' } });
  const bundle: Bundle = {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: new Date(input.now).toISOString() },
    type: 'searchset',
  };
  if (input.total !== undefined) bundle.total = input.total;
  bundle.link = input.links;
  if (entry.length > 0) bundle.entry = entry;
  return bundle;
}
