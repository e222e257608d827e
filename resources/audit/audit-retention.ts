import type { DocumentStore } from '../storage/port';
import { AUDIT_CHAIN, AUDIT_STATE, GENESIS_HASH, type ChainLink, type ChainState } from './audit-collections';

const BATCH = 500;

/**
 * Removes AuditEvents older than the retention period, oldest first and only from the start of the chain, and
 * moves the chain's checkpoint to the last link removed so verification still starts from a known hash. Nothing
 * recorded within the retention period is touched.
 * Returns how many events were removed.
 */
export async function purgeExpiredAudit(store: DocumentStore, retentionDays: number, now: number): Promise<number> {
  const cutoff = new Date(now - retentionDays * 86_400_000).toISOString();
  let removed = 0;
  for (;;) {
    const count = await store.withTransaction(async (session) => {
      const links = session.collection<ChainLink>(AUDIT_CHAIN);
      const expired = await links.find({ recorded: { $lt: cutoff } }, { sort: [['_id', 1]], limit: BATCH });
      const state = session.collection<ChainState>(AUDIT_STATE);
      const checkpoint = (await state.findById('checkpoint')) ?? { _id: 'checkpoint', seq: 0, hash: GENESIS_HASH };
      let last = checkpoint;
      for (const link of expired) {
        // Only a contiguous prefix: a link recorded later than one after it (clock skew) stops the purge there.
        if (link.seq !== last.seq + 1) break;
        await session.collection('AuditEvent').deleteOne({ _id: link.event });
        await links.deleteOne({ _id: link._id });
        last = { _id: 'checkpoint', seq: link.seq, hash: link.hash };
      }
      if (last.seq === checkpoint.seq) return 0;
      await state.replaceOne({ _id: 'checkpoint' }, last, { upsert: true });
      return last.seq - checkpoint.seq;
    });
    removed += count;
    if (count < BATCH) return removed;
  }
}
