import type { Request, Response } from 'express';
import type { DocumentStore, StoredDocument } from '../../resources/storage/port';
import { readCookie } from '../http/cookies';
import { AUTH } from '../store/auth-collections';
import { digest, randomToken } from '../store/secrets';

/** A browser's sign-in session, stored (so any server process can serve the next page) under its id's hash. */
export interface SessionRecord extends StoredDocument {
  /** SHA-256 of the session id in the cookie. */
  _id: string;
  /** anonymous: mid-way through an authorization request; password: password checked, TOTP due; authenticated. */
  stage: 'anonymous' | 'password' | 'authenticated';
  userId?: string;
  /** Echoed in every form, checked on every POST (defence in depth beside SameSite=Lax). */
  csrf: string;
  createdAt: number;
  lastSeenAt: number;
  /** Absolute end, whatever the activity. */
  expiresAt: number;
  /** When the user completed sign-in (seconds since the epoch), for `auth_time`. */
  authTime?: number;
}

export interface Session {
  /** The stored key (hash of the cookie value). */
  key: string;
  record: SessionRecord;
}

export interface SessionSettings {
  idleSeconds: number;
  maxSeconds: number;
  /** BASE_URL is https: the cookie is Secure and uses the `__Host-` prefix (RFC 6265bis §4.1.3.2). */
  secure: boolean;
}

/**
 * Sign-in sessions: HttpOnly, SameSite=Lax cookie holding a random id; an idle timeout and an absolute lifetime
 * (ASVS 3.3); a new id whenever the privilege changes, so a planted id is worthless (ASVS 3.2.1, session fixation).
 */
export class Sessions {
  readonly cookieName: string;

  constructor(
    private readonly store: DocumentStore,
    private readonly settings: SessionSettings,
    /** Called when a session's key changes, so what was bound to the old key follows it. */
    private readonly onRotate: (oldKey: string, newKey: string) => Promise<void>,
    private readonly clock: () => number = Date.now,
  ) {
    this.cookieName = settings.secure ? '__Host-fhir_session' : 'fhir_session';
  }

  private get sessions() {
    return this.store.collection<SessionRecord>(AUTH.sessions);
  }

  /** The live session of this request, refreshed as active; undefined when absent, idle too long, or too old. */
  async current(req: Request): Promise<Session | undefined> {
    const id = readCookie(req, this.cookieName);
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const key = digest(id);
    const record = await this.sessions.findById(key);
    if (!record) return undefined;
    const now = this.clock();
    if (now >= record.expiresAt || now - record.lastSeenAt >= this.settings.idleSeconds * 1000) {
      await this.sessions.deleteOne({ _id: key });
      return undefined;
    }
    const touched = { ...record, lastSeenAt: now };
    await this.sessions.replaceOne({ _id: key }, touched);
    return { key, record: touched };
  }

  async start(res: Response): Promise<Session> {
    const now = this.clock();
    return this.create(res, { stage: 'anonymous', csrf: randomToken(), createdAt: now, lastSeenAt: now, expiresAt: now + this.settings.maxSeconds * 1000 });
  }

  /** Replaces the session with a new id carrying `changes`; at sign-in the absolute lifetime starts again. */
  async rotate(res: Response, session: Session, changes: Partial<Omit<SessionRecord, '_id'>>): Promise<Session> {
    const now = this.clock();
    const { _id: _old, ...rest } = session.record;
    const signedIn = changes.stage === 'authenticated' ? { createdAt: now, expiresAt: now + this.settings.maxSeconds * 1000 } : {};
    const next = await this.create(res, { ...rest, ...changes, ...signedIn, csrf: randomToken(), lastSeenAt: now });
    await this.onRotate(session.key, next.key);
    await this.sessions.deleteOne({ _id: session.key });
    return next;
  }

  async end(res: Response, session: Session | undefined): Promise<void> {
    if (session) await this.sessions.deleteOne({ _id: session.key });
    res.setHeader('Set-Cookie', `${this.cookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${this.settings.secure ? '; Secure' : ''}`);
  }

  private async create(res: Response, record: Omit<SessionRecord, '_id'>): Promise<Session> {
    const id = randomToken();
    const key = digest(id);
    const stored = { ...record, _id: key } as SessionRecord;
    await this.sessions.insertOne(stored);
    res.setHeader('Set-Cookie', `${this.cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax${this.settings.secure ? '; Secure' : ''}`);
    return { key, record: stored };
  }
}
