import { Query } from 'mingo';
import type { AccessContext, Permission, ResourceConstraint } from '../../access/access-context';
import { forbidden } from '../../errors/fhir-error';
import type { Filter } from '../../storage/port';
import type { ResourceDocument } from '../../repository/resource-document';
import type { Clause } from './ast';
import { compileClause, type CompileContext, type ResolvedClause } from './compile/compile-clause';
import { bindClause } from './parse/bind-clause';
import { parseParameterKey } from './parse/parameter-key';

const PERMISSION_NAMES: Record<Permission, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };

/**
 * Access as a filter (access-context.ts): a resource must satisfy one of the grants for the permission, each
 * grant being a patient compartment (`compartments: 'Patient/123'`), a search query (a granular SMART scope such as
 * `patient/Observation.rs?category=...|laboratory`, compiled with this same compiler), or both.
 */
export function accessFilter(ctx: AccessContext, type: string, permission: Permission, fhirBase: string, compile: CompileContext): Filter | undefined {
  const grants = ctx.policy.grants(type, permission);
  if (grants.length === 0) throw forbidden(`Not permitted to ${PERMISSION_NAMES[permission]} ${type} resources`);
  if (grants.some((g) => g.compartment === undefined && g.query === undefined)) return undefined;
  const alternatives = grants.map((g) => grantFilter(g, type, fhirBase, compile));
  return alternatives.length === 1 ? alternatives[0] : { $or: alternatives };
}

/** Whether one resource falls within the grants: the same filter, evaluated on the document (mingo). */
export function allows(
  ctx: AccessContext,
  type: string,
  permission: Permission,
  doc: Pick<ResourceDocument, '_id' | 'compartments' | 'sp'>,
  fhirBase: string,
  compile: CompileContext,
): boolean {
  const filter = accessFilter(ctx, type, permission, fhirBase, compile);
  return filter === undefined || new Query(filter).test(doc);
}

function grantFilter(grant: ResourceConstraint, type: string, fhirBase: string, compile: CompileContext): Filter {
  const parts: Filter[] = [];
  if (grant.compartment !== undefined) parts.push({ compartments: grant.compartment });
  if (grant.query !== undefined) {
    for (const clause of grantClauses(grant.query, type, fhirBase)) parts.push(compileClause(clause, compile));
  }
  return parts.length === 1 ? parts[0] : { $and: parts };
}

/**
 * A grant's query may use any parameter of the type, modifiers and OR lists, but not chains or `_has`: access
 * must be decidable on the resource alone (allows() sees one document). A grant this compiler cannot evaluate
 * denies rather than widens access.
 */
function grantClauses(query: string, type: string, fhirBase: string): ResolvedClause[] {
  const clauses: ResolvedClause[] = [];
  for (const [name, value] of new URLSearchParams(query)) {
    const clause: Clause | undefined = bindClause(type, parseParameterKey(name), value, name, fhirBase);
    if (!clause || clause.kind === 'chain' || clause.kind === 'has') {
      throw forbidden(`The access granted for ${type} is limited by '${query}', which this server cannot evaluate ('${name}')`);
    }
    clauses.push(clause);
  }
  return clauses;
}
