import type { DocumentStore } from '../../../resources/storage/port';

/** What each part of the contract suite gets: the store under test and unique collection names. */
export interface ContractContext {
  /** The store opened for this run (valid inside tests and hooks). */
  store(): DocumentStore;
  /** A collection name no other test uses, so tests never see each other's documents. */
  collectionName(label: string): string;
  /** Opens a fresh store (for tests that need their own, such as durability), as the suite's `open` does. */
  open(): Promise<DocumentStore>;
  cleanup(store: DocumentStore): Promise<void>;
}

/** Ids of documents in ascending order, to compare result sets independent of order. */
export function idsOf(docs: ReadonlyArray<{ _id: string }>): string[] {
  return docs.map((d) => d._id).sort();
}

/** Ids in the order returned, for sort assertions. */
export function orderOf(docs: ReadonlyArray<{ _id: string }>): string[] {
  return docs.map((d) => d._id);
}
