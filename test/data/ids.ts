import { createHash } from 'node:crypto';
import type { Reference } from 'fhir/r4';

/**
 * Ids are derived from positions, never from the random stream, so callers can predict them
 * (`pat-000123`, `obs-000123-0007`), load with PUT, and find a resource again without an index.
 */
export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function patientId(patientIndex: number): string {
  return `pat-${pad(patientIndex, 6)}`;
}

/** An id for the `sequence`-th resource of one kind belonging to one patient. */
export function patientScopedId(prefix: string, patientIndex: number, sequence: number): string {
  return `${prefix}-${pad(patientIndex, 6)}-${pad(sequence, 4)}`;
}

export function referenceTo(resourceType: string, id: string, display?: string): Reference {
  return display === undefined ? { reference: `${resourceType}/${id}` } : { reference: `${resourceType}/${id}`, display };
}

/**
 * A name-based UUID (RFC 9562 version 5 layout over SHA-1), so `Patient/pat-000001` maps to the same
 * `urn:uuid:` in every bundle built from it.
 */
export function deterministicUuid(name: string): string {
  const hash = createHash('sha1').update('fhir-test-data:').update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
