/**
 * How driver errors map to port errors (pure functions, no server involved). Behaviour against a real server is the
 * contract suite's job (test/contract/mongo-store.contract.test.ts, run when MONGODB_URI is set).
 */
import { MongoNetworkError, MongoServerError } from 'mongodb';
import { DuplicateKeyError, StoreUnavailableError, TransactionConflictError } from '../port';
import { isDuplicateId, mapError, mapErrorInTransaction, mapTransactionError } from './mongo-errors';

const duplicateId = () =>
  new MongoServerError({
    message: 'E11000 duplicate key error collection: db.c index: _id_ dup key: { _id: "a" }',
    code: 11000,
    keyPattern: { _id: 1 },
    keyValue: { _id: 'a' },
  });

describe('driver errors as port errors', () => {
  test('a duplicate key error (code 11000) becomes DuplicateKeyError naming the collection and the key', () => {
    const mapped = mapError('Patient', duplicateId());
    expect(mapped).toBeInstanceOf(DuplicateKeyError);
    expect(mapped).toMatchObject({ collection: 'Patient', key: '{"_id":"a"}' });
  });

  test('a duplicate on the _id index is told apart from one on a secondary unique index', () => {
    expect(isDuplicateId(duplicateId())).toBe(true);
    const secondary = new MongoServerError({ message: 'E11000 ... index: identifier_1 dup key', code: 11000, keyPattern: { identifier: 1 } });
    expect(isDuplicateId(secondary)).toBe(false);
    expect(isDuplicateId(new MongoServerError({ message: 'E11000 duplicate key error collection: db.c index: _id_ dup key: { _id: "b" }', code: 11000 }))).toBe(true);
  });

  test('network failures become StoreUnavailableError outside a transaction, and stay driver errors inside one (so the driver can retry)', () => {
    const network = new MongoNetworkError('connection reset');
    expect(mapError('c', network)).toBeInstanceOf(StoreUnavailableError);
    expect(mapErrorInTransaction('c', network)).toBe(network);
    expect(mapErrorInTransaction('c', duplicateId())).toBeInstanceOf(DuplicateKeyError);
  });

  test('a transaction that still conflicts when the retries are spent becomes TransactionConflictError; other errors pass through', () => {
    const conflict = new MongoServerError({ message: 'WriteConflict', code: 112, codeName: 'WriteConflict' });
    conflict.addErrorLabel('TransientTransactionError');
    expect(mapTransactionError(conflict, 7)).toBeInstanceOf(TransactionConflictError);
    const own = new Error('work failed');
    expect(mapTransactionError(own, 1)).toBe(own);
    expect(mapTransactionError(new MongoNetworkError('down'), 1)).toBeInstanceOf(StoreUnavailableError);
  });
});
