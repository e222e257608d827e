import { InvalidGrant } from '../../errors/oauth-errors';
import type { SmartServices } from '../../smart-services';
import { reportFrom } from '../token-request';
import type { RefreshExchange } from './refresh-check';

/**
 * RFC 9700 §4.14.2: a rotated refresh token presented again means two parties hold it; the whole family (and
 * every access token issued from it) is revoked, so the thief and the app both have to authorize again.
 */
export async function refuseReuse(ctx: RefreshExchange, services: SmartServices): Promise<never> {
  const jtis = await services.refreshTokens.revokeFamilies({ _id: ctx.family!._id }, 'refresh token reused');
  await reportFrom(services, ctx.info, ctx.client, { kind: 'refresh-reuse-detected', outcome: 'failure', reason: `family ${ctx.family!._id} revoked with ${jtis.length} access token(s)` });
  throw new InvalidGrant('The refresh token has already been used; this authorization has been revoked');
}
