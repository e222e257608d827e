import { InvalidGrant } from '../../errors/oauth-errors';
import type { RefreshCheck } from './refresh-check';

/** RFC 6749 §6: a refresh token is bound to the client it was issued to; another client's is refused. */
export const checkRefreshClient: RefreshCheck = (ctx) => {
  if (ctx.family!.clientId !== ctx.client._id) throw new InvalidGrant('The refresh token was issued to another client');
};
