import { crossesArray, encodeTuple, indexTuples } from './index-entries';
import { catalogRevisionKey, indexCatalogKey, key, revisionKey, type IndexEntry, type Layout } from './layout';
import type { PendingWrite } from './transaction';

export type CommitOutcome = { kind: 'committed' } | { kind: 'conflict' } | { kind: 'duplicate'; collection: string; key: string };

/**
 * Applies one transaction's writes inside LMDB's write transaction. Runs synchronously in lmdb-js's commit
 * batch, so nothing else writes between the checks and the writes, and many transactions share one commit
 * (and one disk flush). It checks everything before writing anything, so a refused transaction leaves no trace.
 */
export function commitWrites(layout: Layout, writes: PendingWrite[], indexesOf: (c: string) => IndexEntry[]): CommitOutcome {
  const stored = writes.map((w) => layout.docs.get([w.collection, w.id]));
  for (let i = 0; i < writes.length; i++) {
    if ((stored[i]?.[0] ?? 0) !== writes[i].baseRevision) return { kind: 'conflict' };
  }
  const duplicate = findUniqueViolation(layout, writes, stored, indexesOf);
  if (duplicate) return duplicate;

  let revision = (layout.catalog.get(revisionKey) as number | undefined) ?? 0;
  for (let i = 0; i < writes.length; i++) {
    const { collection, id, doc } = writes[i];
    const old = stored[i]?.[1];
    if (old) removeEntries(layout, collection, id, old, indexesOf(collection));
    if (doc) {
      layout.docs.putSync([collection, id], [++revision, doc]);
      addEntries(layout, collection, id, doc, indexesOf(collection));
    } else {
      layout.docs.removeSync([collection, id]);
    }
  }
  layout.catalog.putSync(revisionKey, revision);
  return { kind: 'committed' };
}

function removeEntries(layout: Layout, collection: string, id: string, doc: unknown, indexes: IndexEntry[]): void {
  for (const { spec } of indexes) {
    for (const tuple of indexTuples(doc, spec)) {
      layout.index.removeSync(key(collection, spec.name, ...encodeTuple(tuple), id));
      if (spec.unique) {
        const k = key(collection, spec.name, ...encodeTuple(tuple));
        if (layout.unique.get(k) === id) layout.unique.removeSync(k);
      }
    }
  }
}

export function addEntries(layout: Layout, collection: string, id: string, doc: unknown, indexes: IndexEntry[]): void {
  for (const entry of indexes) {
    const { spec } = entry;
    for (const tuple of indexTuples(doc, spec)) {
      layout.index.putSync(key(collection, spec.name, ...encodeTuple(tuple), id), true);
      if (spec.unique) layout.unique.putSync(key(collection, spec.name, ...encodeTuple(tuple)), id);
    }
    if (!entry.multikey && crossesArray(doc, spec)) {
      entry.multikey = true;
      layout.catalog.putSync(indexCatalogKey(collection), indexes);
      bumpCatalogRevision(layout);
    }
  }
}

/**
 * Unique keys are checked before any write: a key may be taken only by a document this same transaction
 * rewrites or deletes. As in MongoDB, a missing field counts as null, so only one document may lack it
 * (https://www.mongodb.com/docs/manual/core/index-unique/#missing-document-field-in-a-unique-single-field-index).
 */
function findUniqueViolation(
  layout: Layout,
  writes: PendingWrite[],
  stored: ([number, Record<string, unknown>] | undefined)[],
  indexesOf: (c: string) => IndexEntry[],
): CommitOutcome | undefined {
  const released = new Set<string>();
  const claimed = new Map<string, string>();
  for (let i = 0; i < writes.length; i++) {
    const { collection } = writes[i];
    for (const { spec } of indexesOf(collection)) {
      if (!spec.unique) continue;
      const old = stored[i]?.[1];
      if (old) for (const t of indexTuples(old, spec)) released.add(JSON.stringify([collection, spec.name, ...encodeTuple(t)]));
    }
  }
  for (const w of writes) {
    if (!w.doc) continue;
    for (const { spec } of indexesOf(w.collection)) {
      if (!spec.unique) continue;
      for (const tuple of indexTuples(w.doc, spec)) {
        const k = key(w.collection, spec.name, ...encodeTuple(tuple));
        const name = JSON.stringify(k);
        const holder = claimed.get(name) ?? (released.has(name) ? undefined : layout.unique.get(k));
        if (holder !== undefined && holder !== w.id) {
          return { kind: 'duplicate', collection: w.collection, key: `${spec.name}: ${JSON.stringify(tuple)}` };
        }
        claimed.set(name, w.id);
      }
    }
  }
  return undefined;
}

export function bumpCatalogRevision(layout: Layout): void {
  layout.catalog.putSync(catalogRevisionKey, ((layout.catalog.get(catalogRevisionKey) as number | undefined) ?? 0) + 1);
}
