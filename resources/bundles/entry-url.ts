import { isResourceType } from '../definitions/resource-types';
import { badRequest } from '../errors/fhir-error';
import { FHIR_ID } from '../../profiles/validation/reference-rules';

/**
 * `Bundle.entry.request.url`: "the URL for this entry, relative to the root (the address to which the request is
 * posted)" (R4 bundle-definitions.html#Bundle.entry.request.url). An absolute URL is accepted when it is under
 * this server's FHIR base. The forms an entry may use, whatever its method:
 */
export type EntryUrl =
  /** `Patient` (create, type search without criteria); `query` is always empty */
  | { kind: 'type'; type: string; query: string }
  /** `Patient?identifier=...` (conditional update/patch/delete, type search) */
  | { kind: 'criteria'; type: string; query: string }
  /** `Patient/123` */
  | { kind: 'instance'; type: string; id: string; query: string }
  /** `Patient/123/_history/2` */
  | { kind: 'version'; type: string; id: string; versionId: string }
  /** `Patient/123/Observation?code=...` (compartment search) */
  | { kind: 'compartment'; compartment: string; id: string; type: string; query: string }
  /** `?_type=Observation,Condition&...` (system search) */
  | { kind: 'system'; query: string }
  /** `_history`, `Patient/_history` or `Patient/123/_history`, with `_count`, `_since`, `_at` (http.html#history) */
  | { kind: 'history'; scope: { type?: string; id?: string }; query: string }
  /** `Patient/123/$everything?_type=...` (an operation on an instance, by GET) */
  | { kind: 'operation'; type: string; id: string; operation: string; query: string };

export function parseEntryUrl(url: string, fhirBase: string, expression: string): EntryUrl {
  const relative = stripBase(url, fhirBase, expression);
  const at = relative.indexOf('?');
  const path = (at < 0 ? relative : relative.slice(0, at)).replace(/^\/+|\/+$/g, '');
  const query = at < 0 ? '' : relative.slice(at + 1);
  const segments = path === '' ? [] : path.split('/');
  const problem = (why: string) => badRequest(`request.url '${url}' ${why}`, expression);

  if (segments.length === 0) {
    if (query === '') throw problem('names nothing; expected Type, Type/id or Type?criteria');
    return { kind: 'system', query };
  }
  const [type, id, third, versionId] = segments;
  if (segments.length === 1 && type === '_history') return { kind: 'history', scope: {}, query };
  if (!isResourceType(type)) throw problem(`starts with '${type}', which is not an R4 resource type`);
  if (segments.length === 1) return query === '' ? { kind: 'type', type, query: '' } : { kind: 'criteria', type, query };
  if (segments.length === 2 && id === '_history') return { kind: 'history', scope: { type }, query };
  if (!FHIR_ID.test(id)) throw problem(`has '${id}', which is not a valid resource id`);
  if (segments.length === 2) return { kind: 'instance', type, id, query };
  if (segments.length === 3 && third === '_history') return { kind: 'history', scope: { type, id }, query };
  if (segments.length === 3 && /^\$[A-Za-z][A-Za-z0-9-]*$/.test(third)) return { kind: 'operation', type, id, operation: third, query };
  if (segments.length === 3 && isResourceType(third)) {
    return { kind: 'compartment', compartment: type, id, type: third, query };
  }
  if (segments.length === 4 && third === '_history' && FHIR_ID.test(versionId)) {
    if (query !== '') throw problem('reads a version, which takes no parameters');
    return { kind: 'version', type, id, versionId };
  }
  throw problem('is not a form a Bundle entry can use (Type, Type?criteria, Type/id, Type/id/_history/vid, Type/id/_history, Patient/id/Type, Patient/id/$everything)');
}

/** The same URL with the fullUrl-style substitutions of `map` applied to each query value. */
export function mapQueryValues(query: string, map: (value: string) => string | undefined): string {
  if (query === '') return query;
  const params = new URLSearchParams(query);
  let changed = false;
  const out = new URLSearchParams();
  for (const [name, value] of params) {
    const mapped = map(value);
    if (mapped !== undefined && mapped !== value) changed = true;
    out.append(name, mapped ?? value);
  }
  return changed ? out.toString() : query;
}

/** Criteria in one canonical form, so two entries (or a reference and an entry) with the same search compare equal. */
export function canonicalCriteria(type: string, query: string): string {
  const params = new URLSearchParams(query);
  params.sort();
  return `${type}?${params.toString()}`;
}

function stripBase(url: string, fhirBase: string, expression: string): string {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) return url;
  const base = fhirBase.replace(/\/+$/, '');
  if (url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`)) return url.slice(base.length);
  throw badRequest(`request.url '${url}' is absolute but not under this server's base ${base}; use a URL relative to it`, expression);
}
