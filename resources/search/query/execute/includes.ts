import { isResourceType, resourceTypes } from '../../../definitions/resource-types';
import type { ResourceDocument } from '../../../repository/resource-document';
import type { Filter, StoreSession } from '../../../storage/port';
import type { ReferenceEntry } from '../../index-format';
import { searchParametersOf } from '../../indexing/search-parameter-registry';
import type { IncludeRequest } from '../parse/result-parameters';

export interface Found {
  type: string;
  doc: ResourceDocument;
}

export interface IncludeContext {
  session: StoreSession;
  /**
   * The caller's read access to a type as a filter (undefined: unrestricted), or null when they may not read it at
   * all: included resources the caller may not read are left out without a word (search.html#include says
   * nothing of errors, and revealing them is what access control exists to prevent).
   */
  readable(type: string): Filter | undefined | null;
  /** Most resources one page may include; past it the page says so in an OperationOutcome entry. */
  maxIncludes: number;
}

/**
 * `_include` and `_revinclude` (R4 search.html#include): the resources the matches refer to, and the resources
 * that refer to the matches, through the named reference parameters (`*`: all of them). `:iterate` requests apply
 * again to what was included, until nothing new comes in. A resource appears once, as a match if it is one.
 */
export async function findIncludes(
  matches: readonly Found[],
  includes: readonly IncludeRequest[],
  revincludes: readonly IncludeRequest[],
  context: IncludeContext,
): Promise<{ included: Found[]; truncated: boolean }> {
  const seen = new Set(matches.map(keyOf));
  const included: Found[] = [];
  let sources: readonly Found[] = matches;
  let round = 0;
  while (sources.length > 0) {
    const forward = round === 0 ? includes : includes.filter((i) => i.iterate);
    const reverse = round === 0 ? revincludes : revincludes.filter((i) => i.iterate);
    if (forward.length === 0 && reverse.length === 0) break;
    const found = [...(await referenced(sources, forward, seen, context)), ...(await referring(sources, reverse, context))];
    const fresh: Found[] = [];
    for (const f of found) {
      if (seen.has(keyOf(f))) continue;
      if (included.length >= context.maxIncludes) return { included, truncated: true };
      seen.add(keyOf(f));
      included.push(f);
      fresh.push(f);
    }
    sources = fresh;
    round++;
  }
  return { included, truncated: false };
}

const keyOf = (f: Found) => `${f.type}/${f.doc._id}`;

async function referenced(sources: readonly Found[], requests: readonly IncludeRequest[], seen: ReadonlySet<string>, context: IncludeContext): Promise<Found[]> {
  const idsByType = new Map<string, Set<string>>();
  for (const request of requests) {
    for (const source of sources) {
      if (request.sourceType !== '*' && request.sourceType !== source.type) continue;
      for (const code of codesOf(source.type, request.code)) {
        for (const entry of (source.doc.sp[code] ?? []) as ReferenceEntry[]) {
          // A reference may name a type that does not exist (`Foo/1` is a well-formed literal); there is nothing to read.
          if (!entry.r || !entry.t || !entry.id || seen.has(entry.r) || !isResourceType(entry.t)) continue;
          if (request.targetType && entry.t !== request.targetType) continue;
          if (!idsByType.has(entry.t)) idsByType.set(entry.t, new Set());
          idsByType.get(entry.t)!.add(entry.id);
        }
      }
    }
  }
  const found: Found[] = [];
  for (const [type, ids] of idsByType) {
    const access = context.readable(type);
    if (access === null) continue;
    const filter = withAccess({ _id: { $in: [...ids] }, deleted: false }, access);
    for (const doc of await context.session.collection<ResourceDocument>(type).find(filter, { limit: context.maxIncludes + 1 })) found.push({ type, doc });
  }
  return found;
}

async function referring(sources: readonly Found[], requests: readonly IncludeRequest[], context: IncludeContext): Promise<Found[]> {
  const found: Found[] = [];
  const sourceTypes = new Set(sources.map((s) => s.type));
  for (const request of requests) {
    const refs = sources.filter((s) => !request.targetType || s.type === request.targetType).map(keyOf);
    if (refs.length === 0) continue;
    const types = request.sourceType === '*' ? [...resourceTypes()] : [request.sourceType];
    for (const type of types) {
      const codes = request.code === '*' ? codesReferringTo(type, sourceTypes) : [request.code];
      if (codes.length === 0) continue;
      const access = context.readable(type);
      if (access === null) continue;
      const refers = codes.map((code) => ({ [`sp.${code}.r`]: { $in: refs } }));
      const filter = withAccess({ deleted: false, ...(refers.length === 1 ? refers[0] : { $or: refers }) }, access);
      for (const doc of await context.session.collection<ResourceDocument>(type).find(filter, { limit: context.maxIncludes + 1 })) found.push({ type, doc });
    }
  }
  return found;
}

function codesOf(type: string, code: string): string[] {
  if (code !== '*') return [code];
  return searchParametersOf(type).filter((p) => p.type === 'reference').map((p) => p.code);
}

/** Reference parameters of `type` that can point at any of `targets` (or at any type). */
function codesReferringTo(type: string, targets: ReadonlySet<string>): string[] {
  return searchParametersOf(type)
    .filter((p) => p.type === 'reference' && (!p.target || p.target.length === 0 || p.target.some((t) => targets.has(t))))
    .map((p) => p.code);
}

function withAccess(filter: Filter, access: Filter | undefined): Filter {
  return access === undefined ? filter : { $and: [filter, access] };
}
