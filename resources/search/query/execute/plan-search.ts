import type { AccessContext } from '../../../access/access-context';
import { patientCompartmentParams } from '../../../definitions/patient-compartment';
import { resourceTypes } from '../../../definitions/resource-types';
import { badRequest, forbidden } from '../../../errors/fhir-error';
import type { Filter, StoreSession } from '../../../storage/port';
import type { SearchRequest } from '../../search-engine';
import { accessFilter } from '../access-filter';
import type { CompileContext } from '../compile/compile-clause';
import { searchFilter } from '../compile/search-filter';
import type { EngineSettings } from '../engine-settings';
import { bindCriteria, enforceHandling, withoutUnknown } from '../parse/bind-criteria';
import { parseRequest, type LinkParam, type ParsedRequest } from '../parse/parse-request';
import { resolveClauses } from '../resolve/resolve-clauses';
import type { Source } from './fetch-page';
import { fullOrder, sortKeys } from './sort-order';

/** A search ready to run: the collections with their filters and order, and how the result is shaped. */
export interface SearchPlan {
  parsed: ParsedRequest;
  sources: Source[];
  /** Page size (0 with `_summary=count`). */
  count: number;
  /** Parameters that take part, for links. */
  linkParams: LinkParam[];
  /** Parameters left out (lenient handling). */
  ignored: string[];
  compile: CompileContext;
}

/**
 * Reads, checks and compiles a search (R4 search.html): which types (type level, compartment, or system level
 * with `_type`), which clauses per type (unknown ones refused under strict handling), the caller's access to each
 * type, chains and `_has` resolved, and the order. Nothing about the result page is decided here.
 */
export async function planSearch(settings: EngineSettings, ctx: AccessContext, request: SearchRequest, session: StoreSession): Promise<SearchPlan> {
  const systemLevel = request.resourceType === undefined;
  const parsed = parseRequest(request.params, { maxPageSize: settings.maxPageSize, systemLevel });
  const compile: CompileContext = { terminology: settings.terminology, now: settings.clock() };
  const types = searchedTypes(ctx, request, parsed);
  const bound = bindCriteria(types, parsed.criteria, settings.fhirBase);
  const ignored = [...parsed.unsupported, ...bound.unknown.map((c) => c.name)];
  enforceHandling(request.handling, ignored);

  const compartment = compartmentFilter(request);
  const access = (type: string) => accessFilter(ctx, type, 's', settings.fhirBase, compile);
  const sources = await Promise.all(
    types.map(async (type): Promise<Source> => {
      const restriction = access(type);
      const clauses = await resolveClauses(type, bound.clauses.get(type) ?? [], { session, compile, access, maxMatches: settings.maxChainedMatches });
      return { type, filter: searchFilter(clauses, compile, [compartment, restriction]), keys: fullOrder(sortKeys(type, parsed.sort)) };
    }),
  );
  const count = parsed.summary === 'count' ? 0 : (parsed.count ?? settings.defaultPageSize);
  return { parsed, sources, count, linkParams: withoutUnknown(parsed.linkParams, bound.unknown), ignored, compile };
}

/**
 * The types searched: the one of a type-level or compartment search; at the system level those `_type` names
 * (each must be searchable by the caller), or else every type the caller may search (search.html#searchcontexts).
 */
function searchedTypes(ctx: AccessContext, request: SearchRequest, parsed: ParsedRequest): string[] {
  if (request.resourceType) return [request.resourceType];
  if (parsed.types) return parsed.types;
  const granted = [...resourceTypes()].filter((t) => ctx.policy.grants(t, 's').length > 0);
  if (granted.length === 0) throw forbidden('Not permitted to search any resources');
  return granted;
}

/**
 * Compartment search (R4 compartmentdefinition.html#search, `/Patient/123/Observation`): the resources in that
 * patient's compartment, as the indexer records it (`compartments`, from the R4 patient CompartmentDefinition).
 */
function compartmentFilter(request: SearchRequest): Filter | undefined {
  const compartment = request.compartment;
  if (!compartment) return undefined;
  if (compartment.type !== 'Patient') {
    throw badRequest(`Compartment searches are supported for the Patient compartment, not ${compartment.type}`, undefined, 'not-supported');
  }
  const type = request.resourceType!;
  if (type !== 'Patient' && !patientCompartmentParams().has(type)) {
    throw badRequest(`${type} resources are never in a Patient compartment (R4 CompartmentDefinition patient)`, undefined, 'not-supported');
  }
  return { compartments: `Patient/${compartment.id}` };
}
