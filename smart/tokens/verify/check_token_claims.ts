import { InvalidToken } from '../../errors/oauth-errors';
import { SECURITY_DEFAULTS } from '../../security-defaults';
import type { AccessTokenClaims } from '../access-token-claims';
import type { TokenCheck } from './token-check';

/**
 * RFC 9068 §4 and RFC 7519 §4.1: issued by us, for this FHIR server (`aud`), not expired, already valid, and
 * carrying the claims a request is authorized from.
 */
export const checkTokenClaims: TokenCheck = (ctx, deps) => {
  if (!ctx.verifiedPayload) throw new InvalidToken('The access token signature was not verified');
  let claims: AccessTokenClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(ctx.verifiedPayload)) as AccessTokenClaims;
  } catch {
    throw new InvalidToken('The access token payload is not JSON');
  }
  const skew = SECURITY_DEFAULTS.clockSkewSeconds;
  if (claims.iss !== deps.issuer) throw new InvalidToken('The access token was issued by someone else');
  const audiences = Array.isArray(claims.aud) ? (claims.aud as string[]) : [claims.aud];
  if (!audiences.includes(deps.audience)) throw new InvalidToken('The access token is for another resource server');
  if (typeof claims.exp !== 'number' || claims.exp <= ctx.nowSeconds - skew) throw new InvalidToken('The access token has expired');
  const nbf = (claims as { nbf?: unknown }).nbf;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > ctx.nowSeconds + skew)) throw new InvalidToken('The access token is not valid yet');
  if (typeof claims.iat !== 'number' || claims.iat > ctx.nowSeconds + skew) throw new InvalidToken('The access token was issued in the future');
  for (const name of ['sub', 'jti', 'client_id', 'scope'] as const) {
    if (typeof claims[name] !== 'string') throw new InvalidToken(`The access token has no ${name}`);
  }
  ctx.claims = claims;
};
