import type { Filter } from '../../../storage/port';
import { compileClause, type CompileContext, type ResolvedClause } from './compile-clause';

/**
 * The filter for one collection: current (not deleted) resources matching every clause and every extra
 * restriction (access, compartment). A deleted resource's document stays as a tombstone (`deleted: true`), which
 * no search may return, whatever its parameters (`_id`, `:missing`, `:not` would otherwise reach it).
 */
export function searchFilter(clauses: readonly ResolvedClause[], context: CompileContext, extra: ReadonlyArray<Filter | undefined> = []): Filter {
  const parts: Filter[] = [{ deleted: false }];
  for (const clause of clauses) parts.push(compileClause(clause, context));
  for (const filter of extra) if (filter) parts.push(filter);
  const meaningful = parts.filter((p) => Object.keys(p).length > 0);
  return meaningful.length === 1 ? meaningful[0] : { $and: meaningful };
}
