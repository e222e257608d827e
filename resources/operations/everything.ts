import type { Bundle, BundleEntry, OperationDefinition } from 'fhir/r4';
import type { AccessContext } from '../access/access-context';
import { patientsOf } from '../audit/auditor';
import { parseDateRange } from '../datatypes/date-range';
import { patientCompartmentParams } from '../definitions/patient-compartment';
import { careDateParameter } from './care-date';
import type { SearchEngine } from '../search/search-engine';
import type { StoreSession } from '../storage/port';
import { decodeEverythingPage, encodeEverythingPage, type EverythingPosition } from './everything-page-token';

/**
 * Patient/[id]/$everything (R4 patient-operation-everything.html): the patient, everything in their compartment,
 * and the Practitioners, Organizations, Locations and Medications those resources refer to, a page at a time.
 */
export const EVERYTHING: OperationDefinition = {
  resourceType: 'OperationDefinition',
  id: 'Patient-everything',
  url: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
  name: 'Everything',
  status: 'active',
  kind: 'operation',
  code: 'everything',
  resource: ['Patient'],
  system: false,
  // Patient/$everything: the record of the one patient the caller's token is confined to.
  type: true,
  instance: true,
  affectsState: false,
  description: "The patient's whole record this caller may see: their compartment plus the practitioners, organizations, locations and medications it refers to. Without an id (Patient/$everything), the patient the caller's token is confined to.",
  parameter: [
    {
      name: 'start',
      use: 'in',
      min: 0,
      max: '1',
      type: 'date',
      documentation: 'Care date range start: resources whose care date (e.g. Observation.effective, Encounter.period) is on or after it; types without a care date are not narrowed.',
    },
    {
      name: 'end',
      use: 'in',
      min: 0,
      max: '1',
      type: 'date',
      documentation: 'Care date range end: resources whose care date is on or before it (the whole day, month or year given).',
    },
    { name: '_since', use: 'in', min: 0, max: '1', type: 'instant', documentation: 'Only resources updated at or after this instant.' },
    { name: '_type', use: 'in', min: 0, max: '*', type: 'string', documentation: 'Comma-separated resource types to return (the others are left out).' },
    { name: '_count', use: 'in', min: 0, max: '1', type: 'integer', documentation: 'Resources per page (before the referenced ones a page brings along); by default the largest page the server gives (MAX_PAGE_SIZE).' },
    { name: 'return', use: 'out', min: 1, max: '1', type: 'Bundle', documentation: 'A searchset Bundle, paged with next links.' },
  ],
};

/** Types brought along because the record refers to them, though no patient compartment holds them. */
export const REFERENCED_TYPES = ['Practitioner', 'Organization', 'Location', 'Medication'] as const;

export interface EverythingRequest {
  patientId: string;
  /** `start` and `end`: FHIR dates bounding the care date (see care-date.ts). */
  start?: string;
  end?: string;
  /** `_since`: a FHIR instant. */
  since?: string;
  /** `_type`: only these types. */
  types?: readonly string[];
  count: number;
  /** `_page`: where the previous page ended (from its next link). */
  page?: string;
  /** For the page links. */
  fhirBase: string;
}

/**
 * One page of $everything. The record is read type by type (the Patient first, then the compartment's types in
 * name order), each through the search engine with the caller's context, so their scopes decide what is seen; a
 * type the caller may not search is left out. Each type is a compartment search (`Patient/[id]/[type]`) whose
 * `_include`s bring the referenced resources of that page's matches; the engine's keyset position within the type
 * and the type itself make the next link, so paging holds no state and any server process serves any page.
 */
export async function everythingPage(
  engine: SearchEngine,
  ctx: AccessContext,
  request: EverythingRequest,
  session?: StoreSession,
): Promise<{ bundle: Bundle; patients: string[] }> {
  const types = recordTypes(ctx, request.types);
  const start: EverythingPosition = request.page ? decodeEverythingPage(request.page, types) : { type: types[0] };
  const entries: BundleEntry[] = [];
  const seen = new Set<string>();
  const patients = new Set<string>([`Patient/${request.patientId}`]);
  const careDates = careDateBounds(request);
  let matches = 0;
  let next: EverythingPosition | undefined;
  for (let i = start.type === undefined ? types.length : types.indexOf(start.type); i < types.length; i++) {
    const type = types[i];
    const params: [string, string][] = [['_count', String(request.count - matches)], ...includesOf(type, request.types)];
    if (request.since) params.push(['_lastUpdated', `ge${request.since}`]);
    params.push(...careDateParams(type, careDates));
    if (type === start.type && start.page) params.push(['_page', start.page]);
    const result = await engine.search(ctx, { resourceType: type, compartment: { type: 'Patient', id: request.patientId }, params, handling: 'strict' }, session);
    for (const entry of result.bundle.entry ?? []) {
      if (entry.search?.mode === 'outcome' || seen.has(entry.fullUrl!)) continue;
      seen.add(entry.fullUrl!);
      entries.push(entry);
      if (entry.search?.mode === 'match') matches++;
    }
    for (const info of result.entries) for (const patient of patientsOf(info.compartments)) patients.add(patient);
    const after = nextPageToken(result.bundle);
    if (after) {
      next = { type, page: after };
      break;
    }
    if (matches >= request.count) {
      if (i + 1 < types.length) next = { type: types[i + 1] };
      break;
    }
  }
  const bundle: Bundle = { resourceType: 'Bundle', type: 'searchset', link: links(request, next) };
  // The total is known for free only when the first page held everything (as in search: search.html#total).
  if (!request.page && !next) bundle.total = matches;
  if (entries.length > 0) bundle.entry = entries;
  return { bundle, patients: [...patients] };
}

/**
 * The Patient, then every type the R4 patient CompartmentDefinition lists, narrowed by `_type` and the caller's
 * grants. AuditEvents are in the compartment but are the server's record of access, not the patient's record (they
 * would also grow with every $everything read): they come only when `_type` names them ($access-report is the
 * patient's view of them).
 */
function recordTypes(ctx: AccessContext, wanted: readonly string[] | undefined): string[] {
  const compartment = [...patientCompartmentParams().keys()].filter((t) => t !== 'Patient' && (t !== 'AuditEvent' || wanted?.includes(t))).sort();
  return ['Patient', ...compartment].filter((t) => (!wanted || wanted.includes(t)) && ctx.policy.grants(t, 's').length > 0);
}

/**
 * `start` and `end` as search values on a care date, for the resources whose care overlaps [start, end]: the care
 * date ends at or after the first instant of `start` and begins at or before the last instant of `end`. The bounds
 * are given to the millisecond because `ge2024` alone would leave out an Encounter from 2023-12-30 to 2024-01-02
 * (ge and le compare whole ranges: search.html#prefix).
 */
function careDateBounds(request: EverythingRequest): string[] {
  const bounds: string[] = [];
  if (request.start) bounds.push(`ge${parseDateRange(request.start)![0]}`);
  if (request.end) bounds.push(`le${parseDateRange(request.end)![1]}`);
  return bounds;
}

/**
 * The bounds on the type's care-date parameter; none for a type without one. A resource of that type without a care
 * date does not match: a range selects what is known to fall in it.
 */
function careDateParams(type: string, bounds: readonly string[]): [string, string][] {
  const code = careDateParameter(type);
  return code ? bounds.map((bound) => [code, bound]) : [];
}

function includesOf(type: string, wanted: readonly string[] | undefined): [string, string][] {
  return REFERENCED_TYPES.filter((t) => !wanted || wanted.includes(t)).map((target) => ['_include', `${type}:*:${target}`]);
}

function nextPageToken(bundle: Bundle): string | undefined {
  const next = bundle.link?.find((l) => l.relation === 'next')?.url;
  return next ? (new URL(next).searchParams.get('_page') ?? undefined) : undefined;
}

function links(request: EverythingRequest, next: EverythingPosition | undefined): Bundle['link'] {
  const base = `${request.fhirBase}/Patient/${request.patientId}/$everything`;
  const url = (page?: string) => {
    const query = new URLSearchParams();
    if (request.start) query.set('start', request.start);
    if (request.end) query.set('end', request.end);
    if (request.since) query.set('_since', request.since);
    if (request.types) query.set('_type', request.types.join(','));
    query.set('_count', String(request.count));
    if (page) query.set('_page', page);
    return `${base}?${query.toString()}`;
  };
  const out = [{ relation: 'self', url: url(request.page) }, { relation: 'first', url: url() }];
  if (next) out.push({ relation: 'next', url: url(encodeEverythingPage(next)) });
  return out;
}
