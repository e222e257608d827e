/**
 * The storage port's contract: one suite, written once, that every DocumentStore adapter must pass.
 * The expected behaviour is MongoDB's (the port speaks MongoDB query documents); the embedded store is held to it,
 * and the MongoDB adapter is run against a real server whenever MONGODB_URI is set.
 *
 * Each run opens one store, and each test works in collections of its own, so the tests are independent.
 */
import { afterAll, beforeAll, describe } from '@jest/globals';
import type { DocumentStore } from '../../resources/storage/port';
import type { ContractContext } from './suites/context';
import { describeDocuments } from './suites/documents.contract';
import { describeDurability } from './suites/durability.contract';
import { describeIndexEquivalence } from './suites/index-equivalence.contract';
import { describeIndexes } from './suites/indexes.contract';
import { describeQueryOperators } from './suites/query-operators.contract';
import { describeSortPageProject } from './suites/sort-page-project.contract';
import { describeTransactions } from './suites/transactions.contract';

export interface ContractOptions {
  /**
   * Closes `store` and opens the same data again. Given for stores whose data lives in local files (the embedded
   * store), which enables the durability tests; a server-backed store's durability is the server's business.
   */
  reopen?: (store: DocumentStore) => Promise<DocumentStore>;
}

export function describeDocumentStoreContract(
  name: string,
  open: () => Promise<DocumentStore>,
  cleanup: (store: DocumentStore) => Promise<void>,
  options: ContractOptions = {},
): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore | undefined;
    let collections = 0;
    const context: ContractContext = {
      store: () => {
        if (!store) throw new Error('the store did not open (see the beforeAll failure)');
        return store;
      },
      collectionName: (label) => `c${++collections}_${label}`,
      open,
      cleanup,
    };

    beforeAll(async () => {
      store = await open();
    }, 60_000);

    afterAll(async () => {
      if (store) await cleanup(store);
    }, 60_000);

    describeDocuments(context);
    describeQueryOperators(context);
    describeSortPageProject(context);
    describeIndexes(context);
    describeIndexEquivalence(context);
    describeTransactions(context);
    if (options.reopen) describeDurability(context, options.reopen);
  });
}
