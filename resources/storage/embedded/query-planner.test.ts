import type { IndexSpec } from '../port';
import { planQuery, PROBE_CAP, type IndexInfo, type Plan } from './query-planner';

const index = (name: string, keys: IndexSpec['keys'], multikey = false): IndexInfo => ({ spec: { name, keys }, multikey });
const byType = index('type_updated', [['resourceType', 1], ['lastUpdated', 1]]);
const subject = index('subject', [['sp.subject', 1]], true);
const code = index('code', [['sp.code.c', 1]], true);
const date = index('date', [['sp.date.lo', 1]], true);

/** A probe that pretends every index plan reads `n` keys. */
const probeOf = (n: number) => (plan: Plan) => (plan.kind === 'index' ? n : plan.kind === 'ids' ? plan.ids.length : PROBE_CAP);

describe('embedded query planner', () => {
  it('looks documents up by _id without any index', () => {
    expect(planQuery({ _id: { $in: ['a', 'b'] } }, {}, [], probeOf(1))).toEqual({ kind: 'ids', ids: ['a', 'b'] });
  });

  it('uses an equality prefix then a range on the next key of a compound index', () => {
    const plan = planQuery({ resourceType: 'Patient', lastUpdated: { $gte: '2020' } }, {}, [byType], probeOf(3));
    expect(plan).toMatchObject({ kind: 'index', scans: [{ prefix: ['Patient'], range: { lower: { value: '2020' } } }] });
  });

  it('reads equality conditions inside $elemMatch on arrays of objects', () => {
    const plan = planQuery({ 'sp.code': { $elemMatch: { s: 'http://loinc.org', c: '8867-4' } } }, {}, [code], probeOf(3));
    expect(plan).toMatchObject({ kind: 'index', scans: [{ prefix: ['8867-4'] }] });
  });

  it('expands $in into one scan per value', () => {
    const plan = planQuery({ 'sp.subject': { $in: ['Patient/1', 'Patient/2'] } }, {}, [subject], probeOf(3));
    expect(plan).toMatchObject({ kind: 'index', scans: [{ prefix: ['Patient/1'] }, { prefix: ['Patient/2'] }] });
  });

  it('narrows a multikey field by one bound only unless one element must satisfy both', () => {
    const loose = planQuery({ 'sp.date.lo': { $gte: 'a', $lte: 'b' } }, {}, [date], probeOf(3)) as Extract<Plan, { kind: 'index' }>;
    expect(loose.scans[0].range).toEqual({ lower: { value: 'a', inclusive: true } });
    const tight = planQuery({ 'sp.date.lo': { $elemMatch: { $gte: 'a', $lte: 'b' } } }, {}, [date], probeOf(3)) as Extract<Plan, { kind: 'index' }>;
    expect(tight.scans[0].range).toEqual({ lower: { value: 'a', inclusive: true }, upper: { value: 'b', inclusive: true } });
  });

  it('turns an anchored case-sensitive regex into a prefix range, and nothing else', () => {
    const name = index('name', [['sp.name', 1]], true);
    expect(planQuery({ 'sp.name': { $regex: '^smi' } }, {}, [name], probeOf(3))).toMatchObject({ scans: [{ range: { prefix: 'smi' } }] });
    expect(planQuery({ 'sp.name': { $regex: '^smi', $options: 'i' } }, {}, [name], probeOf(3)).kind).toBe('scan');
    expect(planQuery({ 'sp.name': { $regex: '^a|b' } }, {}, [name], probeOf(3)).kind).toBe('scan');
    expect(planQuery({ 'sp.name': { $regex: '^ab*c' } }, {}, [name], probeOf(3))).toMatchObject({ scans: [{ range: { prefix: 'a' } }] });
  });

  it('serves $or with a union when every branch has an index', () => {
    const plan = planQuery({ $or: [{ 'sp.subject': 'Patient/1' }, { 'sp.code.c': 'x' }] }, {}, [subject, code], probeOf(2));
    expect(plan.kind).toBe('union');
  });

  it('prefers the plan that reads fewer keys', () => {
    const probe = (plan: Plan) => (plan.kind === 'index' ? (plan.index === subject ? 40 : 5) : PROBE_CAP);
    const plan = planQuery({ 'sp.subject': 'Patient/1', 'sp.code.c': 'x' }, {}, [subject, code], probe);
    expect(plan).toMatchObject({ kind: 'index', index: code });
  });

  it('walks an index in sort order when nothing is selective and a limit is asked', () => {
    const plan = planQuery({ resourceType: 'Patient' }, { sort: [['lastUpdated', -1]], limit: 10 }, [byType], probeOf(PROBE_CAP));
    expect(plan).toEqual({ kind: 'ordered', index: byType, prefix: ['Patient'], direction: -1 });
  });

  it('walks the documents in _id order for "first n by _id" (no index needed, none read past the n-th match)', () => {
    expect(planQuery({}, { sort: [['_id', 1]], limit: 100 }, [byType], probeOf(PROBE_CAP))).toEqual({ kind: 'idOrdered', direction: 1 });
    expect(planQuery({ other: 1 }, { sort: [['_id', -1]], limit: 1 }, [], probeOf(PROBE_CAP))).toEqual({ kind: 'idOrdered', direction: -1 });
    expect(planQuery({}, { sort: [['_id', 1]] }, [], probeOf(PROBE_CAP)).kind).toBe('scan');
  });

  it('scans the collection when no index applies', () => {
    expect(planQuery({ other: 1 }, {}, [byType], probeOf(1)).kind).toBe('scan');
  });
});
