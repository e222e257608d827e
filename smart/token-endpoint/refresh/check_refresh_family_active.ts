import { InvalidGrant } from '../../errors/oauth-errors';
import type { RefreshCheck } from './refresh-check';

/** Not revoked, and within the family's absolute lifetime (rotation never extends it). */
export const checkRefreshFamilyActive: RefreshCheck = (ctx, services) => {
  if (!services.refreshTokens.isUsable(ctx.family!)) throw new InvalidGrant('The refresh token has expired or been revoked');
};
