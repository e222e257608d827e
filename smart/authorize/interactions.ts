import type { Request } from 'express';
import type { DocumentStore, StoredDocument } from '../../resources/storage/port';
import type { ClientRecord } from '../clients/client-record';
import type { ClientRegistry } from '../clients/client-registry';
import { AccessDenied, InvalidRequest } from '../errors/oauth-errors';
import type { Session } from '../login/sessions';
import { SECURITY_DEFAULTS } from '../security-defaults';
import { AUTH } from '../store/auth-collections';
import { randomToken } from '../store/secrets';
import type { AuthorizationRequest } from './authorization-request';

/**
 * An authorization request in progress (oauth2orize's "transaction"): stored, bound to the browser session that
 * made it, while the user signs in, picks a patient and consents. Stored rather than kept in memory so any
 * server process can serve the next page.
 */
export interface InteractionRecord extends StoredDocument {
  _id: string;
  sessionKey: string;
  clientId: string;
  redirectURI: string;
  areq: AuthorizationRequest;
  createdAt: number;
  expiresAt: number;
  /** Chosen in the patient picker (standalone launch) or given by the EHR launch. */
  patient?: string;
  encounter?: string;
  /** The user answered "no encounter" in the picker. */
  encounterSkipped?: boolean;
}

/** The oauth2orize transaction as the decision middleware expects it on `req.oauth2`. */
export interface OAuthTransaction {
  transactionID: string;
  client: ClientRecord;
  redirectURI: string;
  req: AuthorizationRequest;
  user?: unknown;
  record: InteractionRecord;
}

type Callback<T> = (err: unknown, value?: T) => void;

/** The session the request carries (set by the session middleware). */
export function sessionOf(req: Request): Session | undefined {
  return req.res?.locals.session as Session | undefined;
}

/** Interaction storage, usable as oauth2orize's transaction store (its non-legacy store interface). */
export class Interactions {
  constructor(
    private readonly db: DocumentStore,
    private readonly registry: ClientRegistry,
    private readonly clock: () => number = Date.now,
  ) {}

  private get records() {
    return this.db.collection<InteractionRecord>(AUTH.transactions);
  }

  /** oauth2orize: after /authorize validated a request. */
  store(req: Request, txn: { client: ClientRecord; redirectURI: string; req: AuthorizationRequest }, cb: Callback<string>): void {
    const session = sessionOf(req);
    if (!session) return cb(new Error('no session for the authorization request'));
    const now = this.clock();
    const record: InteractionRecord = {
      _id: randomToken(16),
      sessionKey: session.key,
      clientId: txn.client._id,
      redirectURI: txn.redirectURI,
      areq: txn.req,
      createdAt: now,
      expiresAt: now + SECURITY_DEFAULTS.interactionSeconds * 1000,
    };
    if (txn.req.launchPatient !== undefined) record.patient = txn.req.launchPatient;
    if (txn.req.launchEncounter !== undefined) record.encounter = txn.req.launchEncounter;
    this.records.insertOne(record).then(() => cb(null, record._id), cb);
  }

  /** oauth2orize: the transaction named by the route (`:tid`) for this session. */
  load(req: Request, cb: Callback<OAuthTransaction>): void {
    this.transaction(req).then((txn) => cb(null, txn), cb);
  }

  update(_req: Request, tid: string, _txn: unknown, cb: Callback<string>): void {
    cb(null, tid);
  }

  /** oauth2orize: once the decision has been answered. */
  remove(_req: Request, tid: string, cb: Callback<void>): void {
    this.records.deleteOne({ _id: tid }).then(() => cb(null), cb);
  }

  async transaction(req: Request): Promise<OAuthTransaction> {
    const tid = (req.params as Record<string, string>).tid;
    const session = sessionOf(req);
    const record = tid && session ? await this.records.findById(tid) : undefined;
    if (!record || record.sessionKey !== session!.key || this.clock() >= record.expiresAt) {
      throw new InvalidRequest('This sign-in request has expired or belongs to another browser; return to the app and start again');
    }
    const client = await this.registry.find(record.clientId);
    if (!client) throw new AccessDenied('The app has been removed');
    return { transactionID: record._id, client, redirectURI: record.redirectURI, req: record.areq, record };
  }

  save(record: InteractionRecord): Promise<boolean> {
    return this.records.replaceOne({ _id: record._id }, record);
  }

  /** A session got a new id (sign-in): its interactions follow it. */
  async rebind(oldKey: string, newKey: string): Promise<void> {
    for (const record of await this.records.find({ sessionKey: oldKey })) {
      await this.records.replaceOne({ _id: record._id }, { ...record, sessionKey: newKey });
    }
  }
}
