import type { ClientRecord } from '../clients/client-record';
import type { ClientRegistry } from '../clients/client-registry';
import type { LaunchContexts } from '../launch/launch-contexts';
import type { AuthorizationRequest } from './authorization-request';

export interface AuthorizeContext {
  areq: AuthorizationRequest;
  client?: ClientRecord;
}

export interface AuthorizeDeps {
  registry: ClientRegistry;
  launches: LaunchContexts;
  fhirBase: string;
}

/** One check of an authorization request; throws an OAuthError when the request fails it. */
export type AuthorizeCheck = (ctx: AuthorizeContext, deps: AuthorizeDeps) => void | Promise<void>;
