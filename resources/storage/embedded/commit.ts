import type { StoredDocument } from '../port';
import { readForm, storedForm, type DerivedFields } from './derived-fields';
import { encodeTuple, entryKey, indexEntriesOf, indexTuples } from './index-entries';
import { catalogRevisionKey, indexCatalogKey, revisionKey, type IndexEntry, type Layout } from './layout';
import type { PendingWrite } from './transaction';

export type CommitOutcome = { kind: 'committed' } | { kind: 'conflict' } | { kind: 'duplicate'; collection: string; key: string };

/**
 * Applies one transaction's writes inside LMDB's write transaction. Runs synchronously in lmdb-js's commit
 * batch, so nothing else writes between the checks and the writes, and many transactions share one commit
 * (and one disk flush). It checks everything before writing anything, so a refused transaction leaves no trace.
 */
export function commitWrites(layout: Layout, writes: PendingWrite[], catalog: (c: string) => IndexEntry[], derived: DerivedFields): CommitOutcome {
  const known = new Map<string, IndexEntry[]>();
  const indexesOf = (c: string) => {
    let entries = known.get(c);
    if (!entries) known.set(c, (entries = catalog(c)));
    return entries;
  };
  const stored = writes.map((w) => {
    const entry = layout.docs.get([w.collection, w.id]);
    return entry && ([entry[0], readForm(derived, w.collection, entry[1] as StoredDocument)] as [number, Record<string, unknown>]);
  });
  for (let i = 0; i < writes.length; i++) {
    if ((stored[i]?.[0] ?? 0) !== writes[i].baseRevision) return { kind: 'conflict' };
  }
  const duplicate = findUniqueViolation(layout, writes, stored, indexesOf);
  if (duplicate) return duplicate;

  let revision = (layout.catalog.get(revisionKey) as number | undefined) ?? 0;
  for (let i = 0; i < writes.length; i++) {
    const { collection, id, doc } = writes[i];
    const old = stored[i]?.[1];
    const indexes = indexesOf(collection);
    if (old && doc) {
      replaceEntries(layout, collection, id, old, doc, indexes);
    } else {
      if (old) removeEntries(layout, collection, id, old, indexes);
      if (doc) addEntries(layout, collection, id, doc, indexes);
    }
    if (doc) layout.docs.putSync([collection, id], [++revision, storedForm(derived, collection, doc)]);
    else layout.docs.removeSync([collection, id]);
  }
  layout.catalog.putSync(revisionKey, revision);
  return { kind: 'committed' };
}

/** A replacement touches only the index entries whose values changed (most updates change few indexed fields). */
function replaceEntries(layout: Layout, collection: string, id: string, old: unknown, doc: unknown, indexes: IndexEntry[]): void {
  const changed: IndexEntry[] = [];
  for (const entry of indexes) {
    const before = indexTuples(old, entry.spec);
    const after = indexTuples(doc, entry.spec);
    if (before.length !== after.length || JSON.stringify(before) !== JSON.stringify(after)) changed.push(entry);
  }
  if (changed.length === 0) return;
  removeEntries(layout, collection, id, old, changed);
  addEntries(layout, collection, id, doc, changed);
}

function removeEntries(layout: Layout, collection: string, id: string, doc: unknown, indexes: IndexEntry[]): void {
  for (const { spec } of indexes) {
    for (const tuple of indexTuples(doc, spec)) {
      layout.index.removeSync(entryKey(collection, spec.name, tuple, id));
      if (spec.unique) {
        const k = entryKey(collection, spec.name, tuple);
        if (layout.unique.get(k) === id) layout.unique.removeSync(k);
      }
    }
  }
}

export function addEntries(layout: Layout, collection: string, id: string, doc: unknown, indexes: IndexEntry[]): void {
  for (const entry of indexes) {
    const { spec } = entry;
    const { tuples, crossedArray } = indexEntriesOf(doc, spec);
    for (const tuple of tuples) {
      layout.index.putSync(entryKey(collection, spec.name, tuple, id), true);
      if (spec.unique) layout.unique.putSync(entryKey(collection, spec.name, tuple), id);
    }
    if (!entry.multikey && crossedArray) {
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
        const name = JSON.stringify([w.collection, spec.name, ...encodeTuple(tuple)]);
        const holder = claimed.get(name) ?? (released.has(name) ? undefined : layout.unique.get(entryKey(w.collection, spec.name, tuple)));
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
