import type { StoreSession } from '../storage/port';

const LOCK_COLLECTION = 'conditional_locks';

/**
 * Serializes conditional writes with the same criteria. Each one writes the same lock document in its
 * transaction; two concurrent ones then collide, the loser is run again, and its search now sees what the
 * winner created. So two `If-None-Exist` creates racing each other make one resource, not two (the approach
 * HAPI FHIR takes with its search-URL table). Without transactions (standalone MongoDB) this only narrows the race.
 */
export async function lockCriteria(session: StoreSession, type: string, query: string, now: string): Promise<void> {
  const params = new URLSearchParams(query);
  params.sort();
  const _id = `${type}?${params.toString()}`;
  await session.collection(LOCK_COLLECTION).replaceOne({ _id }, { _id, at: now }, { upsert: true });
}
