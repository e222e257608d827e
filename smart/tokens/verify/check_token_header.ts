import { decodeProtectedHeader } from 'jose';
import { InvalidToken } from '../../errors/oauth-errors';
import { SECURITY_DEFAULTS } from '../../security-defaults';
import type { TokenCheck } from './token-check';

/**
 * RFC 8725 §3.1 and §3.11: the algorithm comes from our allow-list (so `none` and HMAC confusion are refused),
 * and the type must be `at+jwt` (RFC 9068 §4), so an id_token, signed by the same key, is not an access token.
 * `jku`, `x5u` and `jwk` headers are never consulted: keys come only from our own key ring.
 */
export const checkTokenHeader: TokenCheck = (ctx) => {
  let header;
  try {
    header = decodeProtectedHeader(ctx.token);
  } catch {
    throw new InvalidToken('The access token header cannot be read');
  }
  if (header.alg !== SECURITY_DEFAULTS.issuedTokenAlg) throw new InvalidToken(`Access tokens are signed ${SECURITY_DEFAULTS.issuedTokenAlg}; '${header.alg}' is refused`);
  if (header.typ?.toLowerCase() !== SECURITY_DEFAULTS.accessTokenType && header.typ?.toLowerCase() !== `application/${SECURITY_DEFAULTS.accessTokenType}`) {
    throw new InvalidToken('The token is not an access token (typ must be at+jwt)');
  }
  if (header.crit !== undefined) throw new InvalidToken('The access token has critical header parameters this server does not process');
  ctx.header = header;
};
