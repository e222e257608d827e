import type { StoredDocument } from '../storage/port';

/** AuditEvents recorded but not yet chained, in write order (`_id` is a time-ordered UUIDv7). */
export const AUDIT_PENDING = 'audit_pending';
/** One link per chained AuditEvent; `_id` is the sequence number zero-padded so ids sort in chain order. */
export const AUDIT_CHAIN = 'audit_chain';
/**
 * The chain's head (`_id: 'head'`), after a retention purge its checkpoint (`_id: 'checkpoint'`), and how far each
 * audit journal segment is chained (`_id: 'journal:' + segment`).
 */
export const AUDIT_STATE = 'audit_state';
export const JOURNAL_POSITION = 'journal:';
/** Sorts after every `journal:` id (';' follows ':'). */
export const JOURNAL_POSITION_END = 'journal;';

/**
 * An AuditEvent recorded but not yet chained and indexed: `_id` is the event's id, `recorded` its lastUpdated. It
 * holds either the event as it will be stored (`json`: events from other systems) or, for events this server
 * records, what was recorded (`record`, the JSON of a PendingRecord), from which the chainer builds the event
 * (pending-event.ts).
 */
export interface PendingLink extends StoredDocument {
  recorded: string;
  json?: string;
  record?: string;
}

export interface ChainLink extends StoredDocument {
  seq: number;
  event: string;
  /** Hash of the previous link (the genesis value for the first). */
  prev: string;
  hash: string;
  /** When the event was recorded, for range verification and retention. */
  recorded: string;
}

export interface JournalPosition extends StoredDocument {
  /** Offset in the segment just past the last event chained. */
  offset: number;
}

export interface ChainState extends StoredDocument {
  seq: number;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
export const SEQ_WIDTH = 15;
export const linkId = (seq: number) => String(seq).padStart(SEQ_WIDTH, '0');
