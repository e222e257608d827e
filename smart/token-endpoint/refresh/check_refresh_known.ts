import { InvalidGrant } from '../../errors/oauth-errors';
import type { RefreshCheck } from './refresh-check';

/** RFC 6749 §5.2: an unknown refresh token is invalid_grant. */
export const checkRefreshKnown: RefreshCheck = async (ctx, services) => {
  const found = await services.refreshTokens.find(ctx.token);
  if (!found) throw new InvalidGrant('The refresh token is not valid');
  ctx.record = found.record;
  ctx.family = found.family;
};
