import { createHash } from 'node:crypto';

/**
 * The chain hash of one AuditEvent: SHA-256 over the previous link's hash, the sequence number and the event
 * exactly as stored (its JSON text). Changing any stored byte of the event, reordering, inserting or removing
 * links all change some hash from there on.
 */
export function chainHash(prev: string, seq: number, storedJson: string): string {
  return createHash('sha256').update(prev).update('\n').update(String(seq)).update('\n').update(storedJson).digest('hex');
}
