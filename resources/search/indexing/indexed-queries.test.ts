import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FhirResource } from 'fhir/r4';
import { generateResources } from '../../../test/data';
import { resourceTypes } from '../../definitions/resource-types';
import type { ResourceDocument } from '../../repository/resource-document';
import { openEmbeddedStore } from '../../storage/embedded/embedded-store';
import type { DocumentStore } from '../../storage/port';
import { createResourceIndexer } from './resource-indexer';

/**
 * The stored values and indexes work together in the embedded store: every type's indexes are accepted, and
 * filters written the way index-format.ts describes find what they should.
 */
describe('search values in the embedded store', () => {
  const indexer = createResourceIndexer({ fhirBase: 'http://localhost:8080/fhir' });
  let dir: string;
  let store: DocumentStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'search-values-'));
    store = await openEmbeddedStore({ dir, durability: 'flush' });
    for (const type of resourceTypes()) await store.ensureIndexes(type, indexer.indexSpecs(type));
    const byType = new Map<string, ResourceDocument[]>();
    for (const resource of generateResources({ seed: 5, patients: 2 }) as Generator<FhirResource>) {
      const { sp, compartments } = indexer.index(resource);
      const doc: ResourceDocument = { _id: resource.id!, versionId: 1, lastUpdated: '2024-01-01T00:00:00.000Z', deleted: false, json: JSON.stringify(resource), compartments, sp };
      byType.set(resource.resourceType, [...(byType.get(resource.resourceType) ?? []), doc]);
    }
    await store.withTransaction(async (session) => {
      for (const [type, docs] of byType) await session.collection(type).insertMany(docs);
    });
  });

  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds observations by system|code, by composite code and value, and by date range', async () => {
    const observations = store.collection<ResourceDocument>('Observation');
    const systolic = await observations.find({ 'sp.component-code': { $elemMatch: { sc: 'http://loinc.org|8480-6' } } });
    expect(systolic.length).toBeGreaterThan(0);
    const systolicOf = (doc: ResourceDocument): number =>
      JSON.parse(doc.json!).component.find((c: { code: { coding: { code: string }[] } }) => c.code.coding[0].code === '8480-6').valueQuantity.value;
    const threshold = systolicOf(systolic[0]);
    const high = await observations.find({
      'sp.component-code-value-quantity': { $elemMatch: { c0: { $elemMatch: { c: '8480-6' } }, c1: { $elemMatch: { v: { $gte: threshold } } } } },
    });
    expect(high.map((d) => d._id)).toContain(systolic[0]._id);
    expect(high.map((d) => d._id).sort()).toEqual(systolic.filter((d) => systolicOf(d) >= threshold).map((d) => d._id).sort());
    const all = await observations.count({});
    const inRange = await observations.count({ 'sp.date': { $elemMatch: { lo: { $gte: '0001-01-01T00:00:00.000Z' }, hi: { $lte: '9999-12-31T23:59:59.999Z' } } } });
    expect(inRange).toBe(all);
  });

  it('finds patients by folded name prefix and resources by patient compartment', async () => {
    const patients = await store.collection<ResourceDocument>('Patient').find({});
    const family = JSON.parse(patients[0].json!).name[0].family as string;
    const prefix = family.slice(0, 3).toLowerCase();
    const byName = await store.collection('Patient').find({ 'sp.family': { $elemMatch: { f: { $regex: `^${prefix}` } } } });
    expect(byName.map((d) => d._id)).toContain(patients[0]._id);
    const inCompartment = await store.collection('Encounter').count({ compartments: `Patient/${patients[0]._id}` });
    expect(inCompartment).toBeGreaterThan(0);
    expect(await store.collection('Encounter').count({ 'sp.patient.r': `Patient/${patients[0]._id}` })).toBe(inCompartment);
  });
});
