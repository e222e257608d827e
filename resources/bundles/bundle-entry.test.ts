import type { BundleEntry } from 'fhir/r4';
import { isFhirError } from '../errors/fhir-error';
import { readBundleEntry } from './bundle-entry';
import { canonicalCriteria, parseEntryUrl } from './entry-url';

const BASE = 'https://fhir.example/fhir';
const read = (entry: object, index = 0) => readBundleEntry(entry as BundleEntry, index, BASE);

function refusal(entry: object): { message: string; expression?: string[] } {
  try {
    read(entry, 2);
  } catch (e) {
    if (!isFhirError(e)) throw e;
    return { message: e.message, expression: e.outcome.issue[0].expression };
  }
  throw new Error('expected the entry to be refused');
}

describe('Bundle.entry.request.url forms (R4 http.html, relative to the base)', () => {
  it.each([
    ['Patient', { kind: 'type', type: 'Patient', query: '' }],
    ['Patient?identifier=a|1', { kind: 'criteria', type: 'Patient', query: 'identifier=a|1' }],
    ['Patient/123', { kind: 'instance', type: 'Patient', id: '123', query: '' }],
    ['Patient/123/_history/2', { kind: 'version', type: 'Patient', id: '123', versionId: '2' }],
    ['Patient/123/Observation?code=x', { kind: 'compartment', compartment: 'Patient', id: '123', type: 'Observation', query: 'code=x' }],
    ['?_type=Observation', { kind: 'system', query: '_type=Observation' }],
    ['_history?_count=2', { kind: 'history', scope: {}, query: '_count=2' }],
    ['Patient/_history', { kind: 'history', scope: { type: 'Patient' }, query: '' }],
    ['Patient/123/_history?_since=2024-01-01', { kind: 'history', scope: { type: 'Patient', id: '123' }, query: '_since=2024-01-01' }],
    ['Patient/123/$everything?_type=Observation', { kind: 'operation', type: 'Patient', id: '123', operation: '$everything', query: '_type=Observation' }],
    [`${BASE}/Patient/123`, { kind: 'instance', type: 'Patient', id: '123', query: '' }],
  ])('reads %s', (url, expected) => {
    expect(parseEntryUrl(url, BASE, 'x')).toEqual(expected);
  });

  it.each(['Nonsense/1', 'Patient/bad id', 'https://elsewhere.example/fhir/Patient/1', 'Patient/1/_history/2?x=1', 'Patient/1/whatever/2', 'Patient/1/$'])('refuses %s', (url) => {
    expect(() => parseEntryUrl(url, BASE, 'x')).toThrow(/request.url/);
  });

  it('compares criteria whatever the order of their parameters', () => {
    expect(canonicalCriteria('Patient', 'b=2&a=1')).toBe(canonicalCriteria('Patient', 'a=1&b=2'));
  });
});

describe('checking one entry', () => {
  const patient = { resourceType: 'Patient' };

  it('takes a create, an update, a conditional update, a delete and a read', () => {
    expect(read({ resource: patient, request: { method: 'POST', url: 'Patient', ifNoneExist: 'identifier=a|1' } }).ifNoneExist).toBe('identifier=a|1');
    expect(read({ resource: { ...patient, id: '1' }, request: { method: 'PUT', url: 'Patient/1', ifMatch: 'W/"3"' } }).ifMatch).toBe(3);
    expect(read({ resource: patient, request: { method: 'PUT', url: 'Patient?identifier=a|1' } }).url.kind).toBe('criteria');
    expect(read({ request: { method: 'DELETE', url: 'Patient/1' } }).method).toBe('DELETE');
    expect(read({ request: { method: 'GET', url: 'Patient/1', ifNoneMatch: 'W/"1"' } }).ifNoneMatch).toBe('W/"1"');
  });

  it('accepts an ifNoneExist written as a whole URL, keeping only its criteria', () => {
    expect(read({ resource: patient, request: { method: 'POST', url: 'Patient', ifNoneExist: 'Patient?identifier=a|1' } }).ifNoneExist).toBe('identifier=a|1');
  });

  it.each([
    ['an entry without a request', { resource: patient }, /has no request/],
    ['an unknown method', { resource: patient, request: { method: 'FETCH', url: 'Patient' } }, /request.method/],
    ['a POST to an instance URL', { resource: patient, request: { method: 'POST', url: 'Patient/1' } }, /POST takes Type/],
    ['a POST without a resource', { request: { method: 'POST', url: 'Patient' } }, /needs a resource/],
    ['a resource of another type than the URL', { resource: { resourceType: 'Observation' }, request: { method: 'POST', url: 'Patient' } }, /is an Observation, but the request.url is for Patient/],
    ['a DELETE with a resource', { resource: patient, request: { method: 'DELETE', url: 'Patient/1' } }, /carries no resource/],
    ['an ifMatch that is no version', { resource: patient, request: { method: 'PUT', url: 'Patient/1', ifMatch: 'three' } }, /not a version ETag/],
    ['an ifNoneExist on a PUT', { resource: patient, request: { method: 'PUT', url: 'Patient/1', ifNoneExist: 'a=1' } }, /applies to POST/],
    ['a malformed urn:uuid fullUrl', { fullUrl: 'urn:uuid:not-a-uuid', resource: patient, request: { method: 'POST', url: 'Patient' } }, /fullUrl/],
    ['a relative fullUrl', { fullUrl: 'Patient/1', resource: patient, request: { method: 'POST', url: 'Patient' } }, /fullUrl/],
  ])('refuses %s with 400 naming the element', (_name, entry, message) => {
    const refused = refusal(entry);
    expect(refused.message).toMatch(message);
    expect(refused.expression?.[0]).toMatch(/^Bundle\.entry\[2\]/);
  });

  it('accepts urn:uuid, urn:oid and absolute fullUrls', () => {
    for (const fullUrl of ['urn:uuid:0f5c8f6a-3a65-4a4e-8d57-5a9c2b9b7c10', 'urn:oid:1.2.840.113619.6.1', 'https://other.example/fhir/Patient/9']) {
      expect(read({ fullUrl, resource: patient, request: { method: 'POST', url: 'Patient' } }).fullUrl).toBe(fullUrl);
    }
  });
});

describe('PATCH entries (R4 http.html#patch, in a transaction)', () => {
  it('reads a JSON Patch from a Binary whose data is the base64 patch document', () => {
    const patch = [{ op: 'replace', path: '/active', value: false }];
    const binary = { resourceType: 'Binary', contentType: 'application/json-patch+json', data: Buffer.from(JSON.stringify(patch)).toString('base64') };
    expect(read({ resource: binary, request: { method: 'PATCH', url: 'Patient/1' } }).patch).toEqual({ format: 'json-patch', body: patch });
  });

  it('takes a FHIRPath Patch as the Parameters resource itself', () => {
    const parameters = { resourceType: 'Parameters', parameter: [] };
    expect(read({ resource: parameters, request: { method: 'PATCH', url: 'Patient/1' } }).patch).toEqual({ format: 'fhirpath-patch', body: parameters });
  });

  it('refuses a Binary of another content type, and data that is no patch', () => {
    expect(refusal({ resource: { resourceType: 'Binary', contentType: 'text/plain', data: 'AAAA' }, request: { method: 'PATCH', url: 'Patient/1' } }).message).toMatch(/contentType/);
    expect(refusal({ resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data: Buffer.from('{oops').toString('base64') }, request: { method: 'PATCH', url: 'Patient/1' } }).message).toMatch(/base64 of a JSON Patch/);
    expect(refusal({ resource: { resourceType: 'Patient' }, request: { method: 'PATCH', url: 'Patient/1' } }).message).toMatch(/Binary .* or a Parameters/);
  });
});
