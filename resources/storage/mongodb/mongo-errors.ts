/**
 * Turns MongoDB driver errors into the storage port's error vocabulary.
 *
 * Inside a transaction only duplicate keys are translated (see `mapErrorInTransaction`): every other driver error
 * must reach `ClientSession.withTransaction` untouched, because its retry loop keys on the error labels
 * (TransientTransactionError, UnknownTransactionCommitResult) that only a MongoError carries.
 * https://www.mongodb.com/docs/manual/core/transactions-in-applications/#transaction-error-handling
 */
import {
  MongoClientClosedError,
  MongoError,
  MongoErrorLabel,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { DuplicateKeyError, StoreUnavailableError, TransactionConflictError } from '../port';

/** https://www.mongodb.com/docs/manual/reference/error-codes/ : DuplicateKey. */
const DUPLICATE_KEY = 11000;
/** WriteConflict: another transaction (or write) changed a document this transaction wrote. */
const WRITE_CONFLICT = 112;

export function isDuplicateKey(error: unknown): error is MongoServerError {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

/** Whether a duplicate key error was raised by the `_id` index (rather than a secondary unique index). */
export function isDuplicateId(error: MongoServerError): boolean {
  const pattern: unknown = error.keyPattern ?? error.writeErrors?.[0]?.err?.keyPattern;
  if (pattern && typeof pattern === 'object') return Object.keys(pattern).join() === '_id';
  // Servers before 4.2 name the index only in the message: "... index: _id_ dup key: ...".
  return / index: _id_ /.test(error.message);
}

export function toDuplicateKeyError(collection: string, error: MongoServerError): DuplicateKeyError {
  const keyValue: unknown = error.keyValue ?? error.writeErrors?.[0]?.err?.keyValue;
  return new DuplicateKeyError(collection, keyValue === undefined ? error.message : JSON.stringify(keyValue));
}

export function isUnavailable(error: unknown): boolean {
  return (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoClientClosedError
  );
}

/** Outside a transaction: duplicate key and connectivity failures become port errors; anything else is a bug. */
export function mapError(collection: string, error: unknown): unknown {
  if (isDuplicateKey(error)) return toDuplicateKeyError(collection, error);
  if (isUnavailable(error)) return new StoreUnavailableError(`MongoDB unavailable: ${messageOf(error)}`, { cause: error });
  return error;
}

/** Inside a transaction callback: only duplicate keys (never retried by the driver) are translated. */
export function mapErrorInTransaction(collection: string, error: unknown): unknown {
  return isDuplicateKey(error) ? toDuplicateKeyError(collection, error) : error;
}

/** What `ClientSession.withTransaction` rejected with, once its own retries are spent. */
export function mapTransactionError(error: unknown, attempts: number): unknown {
  if (!(error instanceof MongoError)) return error; // port errors, TransactionConflictError, the work's own errors
  if (isUnavailable(error)) return new StoreUnavailableError(`MongoDB unavailable: ${error.message}`, { cause: error });
  if (error.hasErrorLabel(MongoErrorLabel.TransientTransactionError) || error.code === WRITE_CONFLICT) {
    const conflict = new TransactionConflictError(attempts);
    conflict.cause = error;
    return conflict;
  }
  return error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
