import { InvalidToken } from '../../errors/oauth-errors';
import type { TokenCheck } from './token-check';

/** RFC 7009 §2: a revoked token stops working at once; one lookup by jti, the only store access per request. */
export const checkTokenNotRevoked: TokenCheck = async (ctx, deps) => {
  if (await deps.revocations.isRevoked(ctx.claims!.jti)) throw new InvalidToken('The access token has been revoked');
};
