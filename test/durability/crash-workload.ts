import { randomUUID } from 'node:crypto';
import { request } from '../support/test-server';

/** What the harness knows about one resource: what was acknowledged, and what may or may not have landed. */
export interface Tracked {
  type: 'Patient' | 'Observation';
  id: string;
  /** Marker sent with each version the server acknowledged, by version number. */
  acknowledged: Map<number, string>;
  /** A write in flight when the server died: it may have committed (completely) or not at all. */
  inFlight?: { version: number; marker: string };
}

export interface Workload {
  tracked: Map<string, Tracked>;
  /** Creates in flight at the kill: their ids are unknown, so they are found by marker afterwards. */
  unacknowledgedCreates: Set<string>;
  /** X-Request-Id of every acknowledged request: each must have an AuditEvent. */
  acknowledgedRequests: Set<string>;
}

export function newWorkload(): Workload {
  return { tracked: new Map(), unacknowledgedCreates: new Set(), acknowledgedRequests: new Set() };
}

const body = (type: Tracked['type'], marker: string, id?: string) =>
  type === 'Patient'
    ? { resourceType: 'Patient', ...(id ? { id } : {}), identifier: [{ system: 'urn:crash-test', value: marker }], name: [{ family: 'Crash', given: [marker] }] }
    : { resourceType: 'Observation', ...(id ? { id } : {}), status: 'final', identifier: [{ system: 'urn:crash-test', value: marker }], code: { text: marker } };

/**
 * Concurrent creates, If-Match updates and reads against a server, until `stop()` says so or the server dies.
 * Every outcome is recorded only from a complete answer: anything cut off counts as unacknowledged.
 */
export async function drive(base: string, token: string, work: Workload, until: () => boolean, concurrency = 12): Promise<void> {
  const headers = (requestId: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, 'x-request-id': requestId, ...extra });
  const pick = () => {
    const all = [...work.tracked.values()].filter((t) => !t.inFlight);
    return all[Math.floor(Math.random() * all.length)];
  };
  const one = async () => {
    const requestId = randomUUID();
    const roll = Math.random();
    const target = pick();
    if (roll < 0.4 || !target) {
      const type = Math.random() < 0.5 ? 'Patient' : 'Observation';
      const marker = randomUUID();
      work.unacknowledgedCreates.add(marker);
      const res = await request(`${base}/${type}`, { body: body(type, marker), headers: headers(requestId) });
      if (res.status !== 201) throw new Error(`create answered ${res.status}: ${res.text}`);
      work.unacknowledgedCreates.delete(marker);
      work.tracked.set(`${type}/${res.json.id}`, { type, id: res.json.id, acknowledged: new Map([[1, marker]]) });
      work.acknowledgedRequests.add(requestId);
    } else if (roll < 0.75) {
      const version = Math.max(...target.acknowledged.keys());
      const marker = randomUUID();
      target.inFlight = { version: version + 1, marker };
      const res = await request(`${base}/${target.type}/${target.id}`, {
        method: 'PUT',
        body: body(target.type, marker, target.id),
        headers: headers(requestId, { 'if-match': `W/"${version}"` }),
      });
      if (res.status !== 200) throw new Error(`update answered ${res.status}: ${res.text}`);
      target.acknowledged.set(version + 1, marker);
      target.inFlight = undefined;
      work.acknowledgedRequests.add(requestId);
    } else {
      const res = await request(`${base}/${target.type}/${target.id}`, { headers: headers(requestId) });
      if (res.status !== 200) throw new Error(`read answered ${res.status}: ${res.text}`);
      work.acknowledgedRequests.add(requestId);
    }
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!until()) {
        try {
          await one();
        } catch (e) {
          // A refused connection or a reset means the server is gone: stop quietly. An HTTP answer that is
          // not the expected one is a real failure.
          if ((e as Error).message.includes('answered')) throw e;
          return;
        }
      }
    }),
  );
}
