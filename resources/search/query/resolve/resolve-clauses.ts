import { badRequest } from '../../../errors/fhir-error';
import type { ReferenceEntry } from '../../index-format';
import type { Filter, StoreSession } from '../../../storage/port';
import type { Clause } from '../ast';
import type { CompileContext, ResolvedClause } from '../compile/compile-clause';
import { searchFilter } from '../compile/search-filter';

export interface ResolveContext {
  session: StoreSession;
  compile: CompileContext;
  /** The caller's access filter for searching a type; throws forbidden when the type is not granted. */
  access(type: string): Filter | undefined;
  /**
   * Most resources one chain link or `_has` may match. Their ids become an `$in` list in the outer query, so an
   * unselective link is refused (400, too-costly) rather than turned into a huge list or silently cut short.
   */
  maxMatches: number;
}

/**
 * Chains and `_has` (R4 search.html#chaining, #has) run as sub-searches on the other type's collection, innermost
 * first, to any depth; each becomes a plain list the outer clause can match with an index:
 *   `subject:Patient.name=smith`            -> subject in [Patient/1, Patient/7, ...]
 *   `_has:Observation:patient:code=1234-5`  -> _id in [ids of Patients such Observations refer to]
 * Sub-searches apply the caller's access to the other type: a chain through a type they may not search is 403.
 */
export async function resolveClauses(type: string, clauses: readonly Clause[], context: ResolveContext): Promise<ResolvedClause[]> {
  return Promise.all(clauses.map((c) => resolveClause(type, c, context)));
}

async function resolveClause(type: string, clause: Clause, context: ResolveContext): Promise<ResolvedClause> {
  if (clause.kind === 'chain') {
    const refs: string[] = [];
    for (const target of clause.targets) {
      const inner = await resolveClause(target.type, target.inner, context);
      const docs = await subSearch(target.type, inner, ['_id'], clause.name, context);
      for (const doc of docs) refs.push(`${target.type}/${doc._id}`);
    }
    return { kind: 'reference', name: clause.name, param: clause.param, tests: [{ kind: 'local', refs }] };
  }
  if (clause.kind === 'has') {
    const inner = await resolveClause(clause.type, clause.inner, context);
    const code = clause.param.code;
    const docs = await subSearch(clause.type, inner, ['sp'], clause.name, context, { [`sp.${code}.t`]: type });
    const ids = new Set<string>();
    for (const doc of docs) {
      const entries = ((doc.sp as Record<string, ReferenceEntry[]> | undefined)?.[code] ?? []) as ReferenceEntry[];
      for (const entry of entries) if (entry.t === type && entry.id !== undefined) ids.add(entry.id);
    }
    return { kind: 'ids', name: clause.name, param: clause.param, ids: [...ids] };
  }
  return clause;
}

async function subSearch(
  type: string,
  clause: ResolvedClause,
  projection: string[],
  name: string,
  context: ResolveContext,
  extra?: Filter,
): Promise<{ _id: string; [field: string]: unknown }[]> {
  const filter = searchFilter([clause], context.compile, [extra, context.access(type)]);
  const docs = await context.session.collection(type).find(filter, { projection, limit: context.maxMatches + 1 });
  if (docs.length > context.maxMatches) {
    throw badRequest(
      `${name} matches more than ${context.maxMatches} ${type} resources; add criteria to narrow it`,
      name,
      'too-costly',
    );
  }
  return docs;
}
