import { badRequest, multipleMatches, notFound } from '../errors/fhir-error';
import type { BundleEntryRequest } from './bundle-entry';
import type { EntryLinks } from './entry-links';
import { asEntry, type StatusOf } from './entry-failure';
import { canonicalCriteria } from './entry-url';

/** The resource a write entry of a transaction creates or changes, known before anything is written. */
export interface EntryTarget {
  type: string;
  id: string;
  /** For a conditional entry: its criteria with the bundle's fullUrls replaced, as they are searched. */
  query?: string;
}

export interface TargetContext {
  links: EntryLinks;
  /** Ids of the current resources of `type` the criteria select (at most two: two already means several). */
  search(type: string, query: string): Promise<string[]>;
  newId(): string;
  statusOf: StatusOf;
}

/**
 * Works out which resource each POST, PUT and PATCH entry of a transaction writes, before any of them is written,
 * and binds every fullUrl to it, so entries can refer to each other in any order (R4 http.html#trules):
 * - a create gets a server-assigned id now;
 * - an update or patch of `Type/id` is that resource;
 * - a conditional create, update or patch is what its criteria select, searched once the fullUrls its criteria
 *   name are bound. Criteria naming each other in a circle can never be searched: 400.
 * Two entries that would create or change the same resource are refused with 400 ("If any resource identities
 * overlap in steps 1-3, then the transaction SHALL fail"), including two conditional entries with the same criteria.
 * `deleted` are the resources the DELETE entries removed (step 1).
 */
export async function resolveTargets(
  entries: readonly BundleEntryRequest[],
  deleted: ReadonlyMap<number, string>,
  context: TargetContext,
): Promise<Map<number, EntryTarget>> {
  const targets = new Map<number, EntryTarget>();
  const conditional = new Map<number, BundleEntryRequest>();
  for (const entry of entries) {
    const { url } = entry;
    let target: EntryTarget | undefined;
    if (entry.method === 'POST' && entry.ifNoneExist === undefined && url.kind === 'type') target = { type: url.type, id: context.newId() };
    else if (url.kind === 'instance') target = { type: url.type, id: url.id };
    if (!target) {
      conditional.set(entry.index, entry);
      continue;
    }
    targets.set(entry.index, target);
    context.links.bind(entry.fullUrl, `${target.type}/${target.id}`);
  }

  const state = new Map<number, 'resolving' | 'resolved'>();
  const resolve = async (entry: BundleEntryRequest): Promise<void> => {
    if (state.get(entry.index) === 'resolved') return;
    if (state.get(entry.index) === 'resolving') throw circular(entry);
    state.set(entry.index, 'resolving');
    const { type, query } = criteriaOf(entry);
    for (const dependency of context.links.queryDependencies(query)) {
      const other = conditional.get(dependency);
      if (other) await resolve(other);
    }
    const target = await asEntry(entry, context.statusOf, () => search(entry, type, context.links.rewriteQuery(query, criteriaPath(entry)), context));
    targets.set(entry.index, target);
    context.links.bind(entry.fullUrl, `${target.type}/${target.id}`);
    context.links.bindCriteria(type, target.query!, `${target.type}/${target.id}`);
    state.set(entry.index, 'resolved');
  };
  for (const entry of conditional.values()) await resolve(entry);

  refuseOverlaps(targets, deleted, conditional);
  return targets;
}

async function search(entry: BundleEntryRequest, type: string, query: string, context: TargetContext): Promise<EntryTarget> {
  const ids = await context.search(type, query);
  if (ids.length > 1) throw multipleMatches(`The criteria '${query}' match more than one ${type}`);
  if (ids.length === 1) return { type, id: ids[0], query };
  if (entry.method === 'PATCH') throw notFound(type, `?${query}`);
  // A conditional update that matches nothing creates, at the id the resource carries if it has one (http.html#cond-update).
  const own = entry.method === 'PUT' ? (entry.resource as { id?: unknown }).id : undefined;
  return { type, id: typeof own === 'string' ? own : context.newId(), query };
}

function criteriaOf(entry: BundleEntryRequest): { type: string; query: string } {
  const { url } = entry;
  if (entry.method === 'POST' && url.kind === 'type') return { type: url.type, query: entry.ifNoneExist! };
  if (url.kind === 'criteria') return { type: url.type, query: url.query };
  throw new Error(`entry ${entry.index} is not conditional`);
}

function criteriaPath(entry: BundleEntryRequest): string {
  return `Bundle.entry[${entry.index}].request.${entry.method === 'POST' ? 'ifNoneExist' : 'url'}`;
}

function refuseOverlaps(targets: ReadonlyMap<number, EntryTarget>, deleted: ReadonlyMap<number, string>, conditional: ReadonlyMap<number, BundleEntryRequest>): void {
  const seen = new Map<string, number>();
  const claim = (key: string, index: number, what: string) => {
    const other = seen.get(key);
    if (other !== undefined) {
      throw badRequest(`Entries ${other} and ${index} of this transaction both ${what}; each resource may be written by one entry only`, [`Bundle.entry[${other}]`, `Bundle.entry[${index}]`]);
    }
    seen.set(key, index);
  };
  for (const [index, reference] of deleted) claim(reference, index, `change ${reference}`);
  for (const [index, target] of targets) claim(`${target.type}/${target.id}`, index, `change ${target.type}/${target.id}`);
  for (const [index, target] of targets) {
    if (conditional.has(index)) claim(canonicalCriteria(target.type, target.query!), index, `have the criteria ${target.type}?${target.query}`);
  }
}

function circular(entry: BundleEntryRequest) {
  return badRequest(
    `The conditional criteria of entry ${entry.index} depend, through other entries' fullUrls, on entry ${entry.index} itself: a circle that no search can resolve`,
    criteriaPath(entry),
  );
}
