import { SignJWT, type JWTPayload } from 'jose';
import type { KeyRing } from '../keys/signing-keys';
import { SECURITY_DEFAULTS } from '../security-defaults';
import type { AccessTokenClaims } from './access-token-claims';

/** Signs what the server issues with its current key (RS256), naming the key by `kid`. */
export class TokenSigner {
  constructor(private readonly keys: KeyRing) {}

  accessToken(claims: AccessTokenClaims): Promise<string> {
    return this.sign(claims as unknown as JWTPayload, SECURITY_DEFAULTS.accessTokenType);
  }

  /** OpenID Connect Core §2; typ `JWT`, which the access-token check refuses. */
  idToken(claims: JWTPayload): Promise<string> {
    return this.sign(claims, 'JWT');
  }

  private sign(claims: JWTPayload, typ: string): Promise<string> {
    const { kid, key } = this.keys.signingKey;
    return new SignJWT(claims).setProtectedHeader({ alg: SECURITY_DEFAULTS.issuedTokenAlg, typ, kid }).sign(key);
  }
}
