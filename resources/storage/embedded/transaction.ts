import type { StoredDocument } from '../port';

export interface PendingWrite {
  collection: string;
  id: string;
  /** The new document, or null to delete. */
  doc: StoredDocument | null;
  /** Revision of the stored document this write was decided on; 0 when there was none. */
  baseRevision: number;
}

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`;

/**
 * One attempt of an optimistic transaction: the writes it means to make, buffered, and the revision of every
 * document it looked at. Commit succeeds only if each written document still has the revision it was
 * decided on (snapshot isolation's first-committer-wins, as MongoDB's write conflicts give).
 */
export class Transaction {
  private readonly writes = new Map<string, PendingWrite>();
  private readonly observed = new Map<string, number>();

  private readonly snapshot = new Map<string, StoredDocument | undefined>();

  /**
   * @param checkInserts whether an insert reads the store first for a document of the same id. A first attempt
   * does not (`insertUnread`): inserts are nearly always of fresh ids, and the commit checks them anyway. If the
   * id was taken, that attempt fails as a conflict, and the retry, checking, reports the duplicate.
   */
  constructor(readonly checkInserts: boolean) {}

  /**
   * Remembers the revision (and content) a read saw: a later write of the same document is checked against
   * that revision at commit, and a later read returns the same content, so the work sees each document as of
   * its first read (repeatable reads) and a concurrent change surfaces as a conflict and a retry.
   */
  observe(collection: string, id: string, revision: number, doc: StoredDocument | undefined): void {
    const key = keyOf(collection, id);
    if (this.observed.has(key)) return;
    this.observed.set(key, revision);
    this.snapshot.set(key, doc);
  }

  /** The content first read for a document: `undefined` if never read, `{ doc: undefined }` if read as absent. */
  firstRead(collection: string, id: string): { doc: StoredDocument | undefined } | undefined {
    const key = keyOf(collection, id);
    return this.observed.has(key) ? { doc: this.snapshot.get(key) } : undefined;
  }

  pending(collection: string, id: string): PendingWrite | undefined {
    return this.writes.get(keyOf(collection, id));
  }

  /** Pending writes of one collection, by id. */
  pendingIn(collection: string): Map<string, StoredDocument | null> {
    const out = new Map<string, StoredDocument | null>();
    for (const w of this.writes.values()) if (w.collection === collection) out.set(w.id, w.doc);
    return out;
  }

  write(collection: string, id: string, doc: StoredDocument | null, committedRevision: () => number): void {
    const key = keyOf(collection, id);
    const existing = this.writes.get(key);
    if (existing) {
      existing.doc = doc;
      return;
    }
    const baseRevision = this.observed.get(key) ?? committedRevision();
    this.writes.set(key, { collection, id, doc, baseRevision });
  }

  /** Whether this attempt has read or written the document. */
  touched(collection: string, id: string): boolean {
    const key = keyOf(collection, id);
    return this.observed.has(key) || this.writes.has(key);
  }

  /**
   * Buffers the insert of a document this attempt has not touched, decided as if it had read it absent (revision
   * 0): the commit refuses it if the document exists, as it refuses any write decided on a stale read.
   */
  insertUnread(collection: string, id: string, doc: StoredDocument): void {
    const key = keyOf(collection, id);
    this.observed.set(key, 0);
    this.snapshot.set(key, undefined);
    this.writes.set(key, { collection, id, doc, baseRevision: 0 });
  }

  get allWrites(): PendingWrite[] {
    return [...this.writes.values()];
  }

  get isReadOnly(): boolean {
    return this.writes.size === 0;
  }
}
