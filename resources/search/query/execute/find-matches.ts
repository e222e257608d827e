import type { AccessContext, Permission } from '../../../access/access-context';
import type { ResourceDocument } from '../../../repository/resource-document';
import type { StoreSession } from '../../../storage/port';
import { accessFilter } from '../access-filter';
import type { CompileContext } from '../compile/compile-clause';
import { searchFilter } from '../compile/search-filter';
import type { EngineSettings } from '../engine-settings';
import { bindCriteria, enforceHandling } from '../parse/bind-criteria';
import { parseRequest } from '../parse/parse-request';
import { resolveClauses } from '../resolve/resolve-clauses';

/**
 * The current resources a conditional interaction's criteria select (R4 http.html#cond-update,
 * transaction.html#conditional-references). Criteria are read strictly: a parameter the server does not know
 * would otherwise be ignored and widen the match to resources the client never meant. Result parameters
 * (`_count`, `_sort`, ...) have no bearing on which resources match.
 */
export async function findMatches(
  settings: EngineSettings,
  ctx: AccessContext,
  type: string,
  query: string,
  limit: number,
  permission: Permission,
  session: StoreSession,
): Promise<ResourceDocument[]> {
  const parsed = parseRequest([...new URLSearchParams(query)], { maxPageSize: settings.maxPageSize, systemLevel: false });
  const bound = bindCriteria([type], parsed.criteria, settings.fhirBase);
  enforceHandling('strict', [...parsed.unsupported, ...bound.unknown.map((c) => c.name)]);
  const compile: CompileContext = { terminology: settings.terminology, now: settings.clock() };
  const restriction = accessFilter(ctx, type, permission, settings.fhirBase, compile);
  const clauses = await resolveClauses(type, bound.clauses.get(type) ?? [], {
    session,
    compile,
    access: (t) => accessFilter(ctx, t, 's', settings.fhirBase, compile),
    maxMatches: settings.maxChainedMatches,
  });
  return session.collection<ResourceDocument>(type).find(searchFilter(clauses, compile, [restriction]), { limit });
}
