import type { JWTPayload, ProtectedHeaderParameters } from 'jose';
import type { DocumentStore } from '../../../resources/storage/port';
import type { ClientRecord } from '../client-record';
import type { ClientKeyResolver } from '../client-keys';
import type { ClientRegistry } from '../client-registry';

/** RFC 7523 §2.2 / SMART Backend Services: the client_assertion_type of private_key_jwt. */
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** What the private_key_jwt checks share; each check fills in what it established. */
export interface AssertionContext {
  body: Record<string, unknown>;
  /** The URLs the assertion may be addressed to (the token endpoint, or the endpoint being called). */
  audiences: readonly string[];
  nowSeconds: number;
  assertion?: string;
  header?: ProtectedHeaderParameters;
  client?: ClientRecord;
  /** Claims, once the signature is verified. */
  claims?: JWTPayload;
}

export interface AssertionDeps {
  registry: ClientRegistry;
  keys: ClientKeyResolver;
  store: DocumentStore;
}

/** One check; throws InvalidClient when the assertion fails it. */
export type AssertionCheck = (ctx: AssertionContext, deps: AssertionDeps) => void | Promise<void>;
