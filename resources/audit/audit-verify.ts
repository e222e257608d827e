import type { ResourceDocument } from '../repository/resource-document';
import type { DocumentStore } from '../storage/port';
import { AUDIT_CHAIN, AUDIT_PENDING, AUDIT_STATE, GENESIS_HASH, linkId, type ChainLink, type ChainState } from './audit-collections';
import { journalPositions, type AuditJournal } from './audit-journal';
import { chainHash } from './audit-hash';

export interface ChainBreak {
  seq: number;
  event?: string;
  reason: string;
}

export interface ChainVerification {
  valid: boolean;
  /** Links checked. */
  checked: number;
  from: number;
  to: number;
  /** Events written but not chained yet (normally none after a moment). */
  pending: number;
  firstBreak?: ChainBreak;
}

const PAGE = 1000;

/**
 * Recomputes the hash chain from its start (or from `from`, trusting the link before it) and reports the first
 * link that does not hold: an event altered or missing, a link altered, removed or inserted, or a head that
 * does not match the last link (truncation).
 */
export async function verifyChain(
  store: DocumentStore,
  range: { from?: number; to?: number } = {},
  /** Where events wait besides the pending collection (they are pending too). */
  journal?: AuditJournal,
): Promise<ChainVerification> {
  const state = store.collection<ChainState>(AUDIT_STATE);
  const links = store.collection<ChainLink>(AUDIT_CHAIN);
  const events = store.collection<ResourceDocument>('AuditEvent');
  const head = (await state.findById('head')) ?? { _id: 'head', seq: 0, hash: GENESIS_HASH };
  const checkpoint = (await state.findById('checkpoint')) ?? { _id: 'checkpoint', seq: 0, hash: GENESIS_HASH };
  const pending = (await store.collection(AUDIT_PENDING).count({})) + (journal ? journal.count(await journalPositions(store)) : 0);
  const to = Math.min(range.to ?? head.seq, head.seq);
  let seq = Math.max(range.from ?? checkpoint.seq + 1, checkpoint.seq + 1);
  const result: ChainVerification = { valid: true, checked: 0, from: seq, to, pending };
  const fail = (b: ChainBreak) => ({ ...result, valid: false, firstBreak: b });

  let prev = checkpoint.hash;
  if (seq > checkpoint.seq + 1) {
    const before = await links.findById(linkId(seq - 1));
    if (!before) return fail({ seq: seq - 1, reason: 'the link before the range is missing' });
    prev = before.hash;
  }
  while (seq <= to) {
    const page = await links.find({ _id: { $gte: linkId(seq), $lte: linkId(to) } }, { sort: [['_id', 1]], limit: PAGE });
    if (page.length === 0) return fail({ seq, reason: 'link missing (the chain was truncated or a link removed)' });
    for (const link of page) {
      if (link.seq !== seq) return fail({ seq, reason: `link missing: found sequence ${link.seq} where ${seq} was expected` });
      if (link.prev !== prev) return fail({ seq, event: link.event, reason: 'link does not follow the previous one (altered or inserted)' });
      const event = await events.findById(link.event);
      if (!event?.json) return fail({ seq, event: link.event, reason: 'the AuditEvent is missing' });
      if (chainHash(prev, seq, event.json) !== link.hash) return fail({ seq, event: link.event, reason: 'the AuditEvent or its link was altered' });
      prev = link.hash;
      seq += 1;
      result.checked += 1;
    }
  }
  if (range.to === undefined && to > 0 && prev !== head.hash) return fail({ seq: to, reason: 'the chain head does not match the last link' });
  return result;
}
