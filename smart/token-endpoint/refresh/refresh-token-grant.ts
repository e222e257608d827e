import type { ClientRecord } from '../../clients/client-record';
import type { SmartServices } from '../../smart-services';
import { splitScopes } from '../../scopes/scope';
import { grantFrom } from '../../tokens/grant';
import { reportFrom, respond, type Issued, type TokenRequestInfo } from '../token-request';
import { checkRefreshClient } from './check_refresh_client';
import { checkRefreshFamilyActive } from './check_refresh_family_active';
import { checkRefreshKnown } from './check_refresh_known';
import { checkRefreshNotReused } from './check_refresh_not_reused';
import { checkRefreshScope } from './check_refresh_scope';
import { checkRefreshUser } from './check_refresh_user';
import type { RefreshCheck, RefreshExchange } from './refresh-check';
import { refuseReuse } from './refuse-reuse';

/** grant_type=refresh_token, check by check, in order. */
export const REFRESH_TOKEN_CHECKS: readonly RefreshCheck[] = [
  checkRefreshKnown,
  checkRefreshClient,
  checkRefreshNotReused,
  checkRefreshFamilyActive,
  checkRefreshScope,
  checkRefreshUser,
];

/** oauth2orize exchange.refreshToken `issue` (arity 6). */
export function exchangeRefreshToken(services: SmartServices) {
  return (client: ClientRecord, token: string, scope: string[] | undefined, _body: Record<string, unknown>, info: TokenRequestInfo, done: Issued): void => {
    respond(done, exchange({ client, token, requested: scope === undefined ? undefined : splitScopes(scope), info }, services));
  };
}

/**
 * Public clients get a new refresh token each time and the old one stops working (RFC 9700 §4.14.2 rotation);
 * confidential clients authenticate every refresh, so their token stays the same until the family expires.
 */
async function exchange(ctx: RefreshExchange, services: SmartServices) {
  for (const check of REFRESH_TOKEN_CHECKS) await check(ctx, services);
  const family = ctx.family!;
  let refreshToken = ctx.token;
  if (ctx.client.kind === 'public') {
    if (!(await services.refreshTokens.markRotated(ctx.record!))) await refuseReuse(ctx, services);
    refreshToken = await services.refreshTokens.mint(family._id);
  }
  const grant = grantFrom(family, ctx.client, ctx.user, ctx.scopes!);
  const tokens = await services.issuer.issue(grant, { family: { id: family._id, refreshToken } });
  await reportFrom(services, ctx.info, ctx.client, { kind: 'token-refreshed', outcome: 'success', user: ctx.user!.username, fhirUser: grant.fhirUser, scopes: tokens.scope });
  return tokens as unknown as Record<string, unknown> & { access_token: string; refresh_token?: string };
}
