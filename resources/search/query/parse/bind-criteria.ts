import { badRequest } from '../../../errors/fhir-error';
import type { Clause } from '../ast';
import { bindClause } from './bind-clause';
import type { Criterion, LinkParam } from './parse-request';

export interface BoundCriteria {
  /** For each searched type, its clauses (ANDed). */
  clauses: Map<string, Clause[]>;
  /** Criteria some searched type does not define. */
  unknown: Criterion[];
}

/**
 * Binds every criterion to every searched type. A system-level search over several types takes only parameters
 * all of them define (search.html#searchcontexts); anything else is unknown to this search.
 */
export function bindCriteria(types: readonly string[], criteria: readonly Criterion[], fhirBase: string): BoundCriteria {
  const clauses = new Map<string, Clause[]>(types.map((t) => [t, []]));
  const unknown: Criterion[] = [];
  for (const criterion of criteria) {
    const bound = types.map((t) => bindClause(t, criterion.key, criterion.value, criterion.name, fhirBase));
    if (bound.some((c) => c === undefined)) {
      unknown.push(criterion);
      continue;
    }
    types.forEach((t, i) => clauses.get(t)!.push(bound[i]!));
  }
  return { clauses, unknown };
}

/**
 * Prefer: handling=strict refuses a search with parameters the server does not know or support; lenient
 * (the default) ignores them and leaves them out of the self link (search.html#errors, http.html#prefer).
 */
export function enforceHandling(handling: 'strict' | 'lenient', ignored: readonly string[]): void {
  if (handling === 'strict' && ignored.length > 0) {
    const list = ignored.map((n) => `'${n}'`).join(', ');
    throw badRequest(`Unknown or unsupported search parameter${ignored.length > 1 ? 's' : ''} ${list} (Prefer: handling=strict)`, [...ignored], 'not-supported');
  }
}

export function withoutUnknown(linkParams: readonly LinkParam[], unknown: readonly Criterion[]): LinkParam[] {
  const dropped = new Set(unknown.map((c) => c.link));
  return linkParams.filter((p) => !dropped.has(p));
}
