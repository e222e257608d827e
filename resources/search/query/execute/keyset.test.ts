import { Query } from 'mingo';
import { documentComparator } from '../../../storage/embedded/mongo-order';
import type { ResourceDocument } from '../../../repository/resource-document';
import { positionOf } from './fetch-page';
import { afterPosition, beforePosition } from './keyset';
import type { SortKey } from './sort-order';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function documents(count: number, next: () => number): ResourceDocument[] {
  const docs: ResourceDocument[] = [];
  for (let i = 0; i < count; i++) {
    const dates = Array.from({ length: Math.floor(next() * 3) }, () => {
      const day = 1 + Math.floor(next() * 5);
      return { lo: `2020-01-0${day}`, hi: `2020-01-0${day + Math.floor(next() * 3)}` };
    });
    const sp: ResourceDocument['sp'] = { status: [{ c: ['a', 'b', 'c'][Math.floor(next() * 3)] }] };
    if (dates.length > 0) sp.date = dates;
    docs.push({ _id: `id${String(i).padStart(3, '0')}`, versionId: 1, lastUpdated: `2024-01-0${1 + Math.floor(next() * 3)}`, deleted: false, json: '{}', compartments: [], sp });
  }
  return docs;
}

const ORDERS: Record<string, SortKey[]> = {
  'date ascending': [{ path: 'sp.date.lo', direction: 1 }, { path: '_id', direction: 1 }],
  'date descending': [{ path: 'sp.date.hi', direction: -1 }, { path: '_id', direction: 1 }],
  'status, then date descending': [{ path: 'sp.status.c', direction: 1 }, { path: 'sp.date.hi', direction: -1 }, { path: '_id', direction: 1 }],
  'lastUpdated descending': [{ path: 'lastUpdated', direction: -1 }, { path: '_id', direction: 1 }],
};

describe('keyset positions agree with the order the store sorts in (arrays sort by their smallest / largest value, missing first)', () => {
  const docs = documents(60, random(7));

  it.each(Object.entries(ORDERS))('%s: "after" selects exactly the documents sorted after each one, "before" exactly those sorted before', (_name, keys) => {
    const sorted = [...docs].sort(documentComparator(keys.map((k) => [k.path, k.direction] as const)));
    sorted.forEach((doc, i) => {
      const position = positionOf(doc, keys);
      const after = sorted.filter((d) => new Query(afterPosition(keys, position, false)).test(d)).map((d) => d._id);
      const before = sorted.filter((d) => new Query(beforePosition(keys, position, false)).test(d)).map((d) => d._id);
      expect(after).toEqual(sorted.slice(i + 1).map((d) => d._id));
      expect(before).toEqual(sorted.slice(0, i).map((d) => d._id));
    });
  });

  it('"orEqual" also selects the document at the position itself', () => {
    const keys = ORDERS['date descending'];
    const doc = docs[3];
    expect(new Query(afterPosition(keys, positionOf(doc, keys), true)).test(doc)).toBe(true);
    expect(new Query(afterPosition(keys, positionOf(doc, keys), false)).test(doc)).toBe(false);
  });
});
