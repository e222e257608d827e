import type { ClientRecord } from '../../clients/client-record';
import { splitScopes } from '../../scopes/scope';
import type { SmartServices } from '../../smart-services';
import { reportFrom, respond, type Issued, type TokenRequestInfo } from '../token-request';
import type { BackendCheck, BackendRequest } from './backend-check';
import { checkBackendClient } from './check_backend_client';
import { checkSystemScopes } from './check_system_scopes';

/** grant_type=client_credentials (client authentication, private_key_jwt, ran before), check by check. */
export const CLIENT_CREDENTIALS_CHECKS: readonly BackendCheck[] = [checkBackendClient, checkSystemScopes];

/** oauth2orize exchange.clientCredentials `issue` (arity 5). */
export function exchangeClientCredentials(services: SmartServices) {
  return (client: ClientRecord, scope: string[] | undefined, _body: Record<string, unknown>, info: TokenRequestInfo, done: Issued): void => {
    respond(done, exchange({ client, requested: scope === undefined ? undefined : splitScopes(scope), info }, services));
  };
}

async function exchange(ctx: BackendRequest, services: SmartServices) {
  for (const check of CLIENT_CREDENTIALS_CHECKS) await check(ctx, services);
  const tokens = await services.issuer.issue({ client: ctx.client, scopes: ctx.scopes!, needPatientBanner: false });
  await reportFrom(services, ctx.info, ctx.client, { kind: 'token-issued', outcome: 'success', scopes: tokens.scope });
  return tokens as unknown as Record<string, unknown> & { access_token: string; refresh_token?: string };
}
