import type { DocumentStore, StoredDocument } from '../../resources/storage/port';
import type { ClientRecord } from '../clients/client-record';
import { AUTH } from '../store/auth-collections';
import { randomToken } from '../store/secrets';

/** How long an EHR launch may take to reach /authorize. */
export const LAUNCH_SECONDS = 60 * 60;

/**
 * An EHR launch context (SMART §EHR launch): the EHR (here, the CLI) records which patient and encounter are
 * open, launches the app at its launch URL with `iss` and an opaque `launch` id, and the app sends that id back
 * to /authorize with the `launch` scope. It is bound to one client.
 */
export interface LaunchRecord extends StoredDocument {
  _id: string;
  clientId: string;
  patient?: string;
  encounter?: string;
  createdAt: number;
  expiresAt: number;
}

export class LaunchContexts {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: () => number = Date.now,
  ) {}

  async create(client: ClientRecord, context: { patient?: string; encounter?: string }, fhirBase: string): Promise<{ id: string; url?: string }> {
    const now = this.clock();
    const record: LaunchRecord = { _id: randomToken(16), clientId: client._id, createdAt: now, expiresAt: now + LAUNCH_SECONDS * 1000 };
    if (context.patient !== undefined) record.patient = context.patient;
    if (context.encounter !== undefined) record.encounter = context.encounter;
    await this.store.collection<LaunchRecord>(AUTH.launches).insertOne(record);
    return { id: record._id, url: client.launchUrl === undefined ? undefined : launchUrl(client.launchUrl, fhirBase, record._id) };
  }

  /** The live launch context with this id for this client, or undefined. */
  async find(id: string, clientId: string): Promise<LaunchRecord | undefined> {
    const record = await this.store.collection<LaunchRecord>(AUTH.launches).findById(id);
    return record && record.clientId === clientId && this.clock() < record.expiresAt ? record : undefined;
  }
}

/** `<launch_url>?iss=<fhirBase>&launch=<id>` (SMART §EHR launch). */
export function launchUrl(base: string, fhirBase: string, id: string): string {
  const url = new URL(base);
  url.searchParams.set('iss', fhirBase);
  url.searchParams.set('launch', id);
  return url.toString();
}
