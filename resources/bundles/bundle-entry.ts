import type { BundleEntry } from 'fhir/r4';
import { badRequest } from '../errors/fhir-error';
import type { PatchBody } from '../patch/apply-patch';
import { parseVersionTag } from '../repository/stamp';
import { parseEntryUrl, type EntryUrl } from './entry-url';
import { patchOfEntry } from './patch-entry';

export type EntryMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One checked entry of a batch or transaction: what it asks for, in the forms the Repository takes. */
export interface BundleEntryRequest {
  index: number;
  fullUrl?: string;
  method: EntryMethod;
  /** request.url as sent, for messages. */
  rawUrl: string;
  url: EntryUrl;
  /** The resource of a POST or PUT. */
  resource?: unknown;
  patch?: PatchBody;
  /** request.ifMatch as a version number (http.html#concurrency). */
  ifMatch?: number;
  /** request.ifNoneExist without a leading `?` (http.html#ccreate). */
  ifNoneExist?: string;
  /** request.ifNoneMatch and ifModifiedSince of a GET (http.html#cread). */
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

const METHODS: readonly EntryMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const UUID_URN = /^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const OID_URN = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$/;

/** Which URL forms each method takes (R4 http.html: create, update, conditional update, patch, delete, read, search). */
const URL_FORMS: Record<EntryMethod, readonly EntryUrl['kind'][]> = {
  POST: ['type'],
  PUT: ['instance', 'criteria'],
  PATCH: ['instance', 'criteria'],
  DELETE: ['instance', 'criteria'],
  GET: ['instance', 'version', 'type', 'criteria', 'compartment', 'system', 'history', 'operation'],
  HEAD: ['instance', 'version', 'type', 'criteria', 'compartment', 'system', 'history', 'operation'],
};

/**
 * Checks one entry against R4 bundle.html (fullUrl) and the Bundle.entry.request rules, and reads it into a
 * BundleEntryRequest. Throws a 400 FhirError naming the element at fault (`Bundle.entry[3].request.url`).
 */
export function readBundleEntry(entry: BundleEntry, index: number, fhirBase: string): BundleEntryRequest {
  const at = `Bundle.entry[${index}]`;
  if (entry === null || typeof entry !== 'object') throw badRequest(`${at} is not an object`, at);
  const request = entry.request;
  if (!request || typeof request !== 'object') throw badRequest(`${at} has no request (method and url are required in a batch or transaction)`, `${at}.request`);
  const method = request.method as EntryMethod;
  if (!METHODS.includes(method)) throw badRequest(`${at}.request.method '${String(request.method)}' is not one of ${METHODS.join(', ')}`, `${at}.request.method`);
  if (typeof request.url !== 'string' || request.url === '') throw badRequest(`${at}.request.url is required`, `${at}.request.url`);
  const url = parseEntryUrl(request.url, fhirBase, `${at}.request.url`);
  if (!URL_FORMS[method].includes(url.kind)) {
    throw badRequest(`${at}: ${method} ${request.url} is not an interaction (${method} takes ${describeForms(method)})`, `${at}.request.url`);
  }
  if (method !== 'GET' && method !== 'HEAD' && url.kind === 'instance' && url.query !== '') {
    throw badRequest(`${at}: ${method} ${request.url} takes no parameters after the id`, `${at}.request.url`);
  }
  const out: BundleEntryRequest = { index, method, rawUrl: request.url, url };
  if (entry.fullUrl !== undefined) out.fullUrl = checkFullUrl(entry.fullUrl, at);
  readResource(entry, out, at);
  readConditions(request, out, at);
  return out;
}

function readResource(entry: BundleEntry, out: BundleEntryRequest, at: string): void {
  const { method, url } = out;
  if (method === 'POST' || method === 'PUT') {
    const resource = entry.resource as { resourceType?: unknown } | undefined;
    if (!resource || typeof resource !== 'object') throw badRequest(`${at}: ${method} needs a resource`, `${at}.resource`);
    const type = 'type' in url ? url.type : undefined;
    if (resource.resourceType !== type) {
      throw badRequest(`${at}.resource is ${typeof resource.resourceType === 'string' ? withArticle(resource.resourceType) : 'not a FHIR resource'}, but the request.url is for ${type}`, `${at}.resource.resourceType`);
    }
    out.resource = resource;
  } else if (method === 'PATCH') {
    out.patch = patchOfEntry(entry.resource, `${at}.resource`);
  } else if (entry.resource !== undefined) {
    throw badRequest(`${at}: a ${method} entry carries no resource`, `${at}.resource`);
  }
}

function readConditions(request: NonNullable<BundleEntry['request']>, out: BundleEntryRequest, at: string): void {
  if (request.ifMatch !== undefined) {
    if (out.method !== 'PUT' && out.method !== 'PATCH' && out.method !== 'DELETE') throw badRequest(`${at}.request.ifMatch applies to PUT, PATCH and DELETE`, `${at}.request.ifMatch`);
    const version = parseVersionTag(request.ifMatch);
    if (version === undefined) throw badRequest(`${at}.request.ifMatch '${request.ifMatch}' is not a version ETag such as W/"3"`, `${at}.request.ifMatch`);
    out.ifMatch = version;
  }
  if (request.ifNoneExist !== undefined) {
    if (out.method !== 'POST') throw badRequest(`${at}.request.ifNoneExist applies to POST (conditional create)`, `${at}.request.ifNoneExist`);
    const criteria = request.ifNoneExist.replace(/^[^?]*\?/, '');
    if (criteria.trim() === '') throw badRequest(`${at}.request.ifNoneExist needs search criteria`, `${at}.request.ifNoneExist`);
    out.ifNoneExist = criteria;
  }
  for (const name of ['ifNoneMatch', 'ifModifiedSince'] as const) {
    if (request[name] === undefined) continue;
    if (out.method !== 'GET' && out.method !== 'HEAD') throw badRequest(`${at}.request.${name} applies to GET`, `${at}.request.${name}`);
    out[name] = request[name];
  }
}

/**
 * fullUrl (R4 bundle.html#bundle-unique): an absolute URL, or a `urn:uuid:` / `urn:oid:` for a resource that has
 * no URL yet. A malformed urn would silently never match its references, so it is refused.
 */
function checkFullUrl(fullUrl: unknown, at: string): string {
  const ok = typeof fullUrl === 'string' && (UUID_URN.test(fullUrl) || OID_URN.test(fullUrl) || ABSOLUTE.test(fullUrl));
  if (!ok) throw badRequest(`${at}.fullUrl '${String(fullUrl)}' is not an absolute URL, urn:uuid: or urn:oid:`, `${at}.fullUrl`);
  return fullUrl as string;
}

/** "an Observation", "a Patient". */
function withArticle(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
}

function describeForms(method: EntryMethod): string {
  const names: Record<EntryUrl['kind'], string> = {
    type: 'Type',
    criteria: 'Type?criteria',
    instance: 'Type/id',
    version: 'Type/id/_history/vid',
    compartment: 'Patient/id/Type',
    system: '?_type=...',
    history: 'Type/id/_history, Type/_history, _history',
    operation: 'Patient/id/$everything',
  };
  return URL_FORMS[method].map((k) => names[k]).join(', ');
}
