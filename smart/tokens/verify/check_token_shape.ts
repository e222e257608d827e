import { InvalidToken } from '../../errors/oauth-errors';
import type { TokenCheck } from './token-check';

/** RFC 7515 §7.1: a JWS in compact form is three base64url parts; anything else is not one of our tokens. */
export const checkTokenShape: TokenCheck = (ctx) => {
  if (ctx.token.length > 16_384 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(ctx.token)) {
    throw new InvalidToken('The access token is not a signed JWT');
  }
};
