import { InvalidGrant } from '../../errors/oauth-errors';
import type { SmartServices } from '../../smart-services';
import { reportFrom } from '../token-request';
import type { CodeExchange } from './code-check';

/**
 * RFC 6749 §4.1.2 / RFC 9700 §4.5: a code used twice was probably stolen; everything issued from it is revoked
 * (refresh families and their access tokens, and the access tokens issued directly).
 */
export async function refuseReplayedCode(ctx: CodeExchange, services: SmartServices): Promise<never> {
  const reason = 'authorization code replayed';
  const jtis = [
    ...(await services.refreshTokens.revokeFamilies({ codeId: ctx.record!._id }, reason)),
    ...(await services.revocations.revokeIssued({ codeId: ctx.record!._id }, reason)),
  ];
  await reportFrom(services, ctx.info, ctx.client, { kind: 'token-revoked', outcome: 'success', reason: `${reason}; ${jtis.length} access token(s) revoked` });
  throw new InvalidGrant('The authorization code has already been used');
}
