import type { Bundle, FhirResource } from 'fhir/r4';
import { generatePatientRecord, generateSharedResources, toTransactionBundle, urnUuidFor } from './index';
import { jsonSchemaErrors } from './r4-conformance';
import { collectReferences } from './references';

const shared = generateSharedResources({ patients: 1 });
const record = generatePatientRecord({}, 9);
const refsOf = (bundle: Bundle<FhirResource>) => (bundle.entry ?? []).flatMap((e) => collectReferences(e.resource));

describe('toTransactionBundle', () => {
  it("'put' addresses each entry by its generated id and leaves resources untouched", () => {
    const bundle = toTransactionBundle(record.resources, 'put');
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    expect(bundle.entry?.[0]).toEqual({ resource: record.patient, request: { method: 'PUT', url: 'Patient/pat-000009' } });
    expect(bundle.entry?.map((e) => e.resource)).toEqual(record.resources);
  });

  it("'post-urn-uuid' rewrites every reference when the bundle holds every target", () => {
    const bundle = toTransactionBundle([...shared, ...record.resources], 'post-urn-uuid');
    const refs = refsOf(bundle);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter((r) => !r.startsWith('urn:uuid:'))).toEqual([]);
    const fullUrls = new Set(bundle.entry?.map((e) => e.fullUrl));
    expect(refs.filter((r) => !fullUrls.has(r))).toEqual([]);
  });

  it("'post-urn-uuid' posts each resource to its type with no id and a unique urn:uuid fullUrl", () => {
    const bundle = toTransactionBundle(record.resources, 'post-urn-uuid');
    for (const entry of bundle.entry ?? []) {
      expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(entry.resource?.id).toBeUndefined();
      expect(entry.request).toEqual({ method: 'POST', url: entry.resource?.resourceType });
    }
    expect(new Set(bundle.entry?.map((e) => e.fullUrl)).size).toBe(record.resources.length);
    expect(bundle.entry?.[0].fullUrl).toBe(urnUuidFor('Patient', 'pat-000009'));
  });

  it("'post-urn-uuid' keeps references to resources outside the bundle as Type/id", () => {
    const refs = refsOf(toTransactionBundle(record.resources, 'post-urn-uuid'));
    const literal = refs.filter((r) => !r.startsWith('urn:uuid:'));
    expect(literal.length).toBeGreaterThan(0);
    const sharedKeys = new Set(shared.map((r) => `${r.resourceType}/${r.id}`));
    expect(literal.filter((r) => !sharedKeys.has(r))).toEqual([]);
  });

  it('builds bundles that pass the R4 JSON schema in both modes', () => {
    expect(jsonSchemaErrors(toTransactionBundle(record.resources, 'put'))).toEqual([]);
    expect(jsonSchemaErrors(toTransactionBundle(record.resources, 'post-urn-uuid'))).toEqual([]);
  });

  it('does not modify the resources it is given', () => {
    const before = JSON.stringify(record.resources);
    toTransactionBundle(record.resources, 'post-urn-uuid');
    expect(JSON.stringify(record.resources)).toBe(before);
  });

  it('builds the same bundle every time', () => {
    expect(JSON.stringify(toTransactionBundle(record.resources, 'post-urn-uuid')))
      .toBe(JSON.stringify(toTransactionBundle(generatePatientRecord({}, 9).resources, 'post-urn-uuid')));
  });
});
