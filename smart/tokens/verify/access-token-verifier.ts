import type { AccessTokenClaims } from '../access-token-claims';
import { checkTokenClaims } from './check_token_claims';
import { checkTokenHeader } from './check_token_header';
import { checkTokenNotRevoked } from './check_token_not_revoked';
import { checkTokenShape } from './check_token_shape';
import { checkTokenSignature } from './check_token_signature';
import type { TokenCheck, TokenCheckContext, TokenCheckDeps } from './token-check';

/** The checks of an access token, in order: nothing about its content is believed before its signature. */
const VERIFY_ACCESS_TOKEN: readonly TokenCheck[] = [checkTokenShape, checkTokenHeader, checkTokenSignature, checkTokenClaims];

/** Tokens already verified, so a client's next request skips the signature check (the revocation check stays). */
const CACHE_LIMIT = 10_000;

/**
 * Verifies access tokens locally: the key ring is in memory, so only the revocation lookup touches the store.
 * A token seen before is recognised by its exact text and skips the signature and claim checks, except expiry.
 */
export class AccessTokenVerifier {
  private readonly verified = new Map<string, AccessTokenClaims>();

  constructor(
    private readonly deps: TokenCheckDeps,
    private readonly clock: () => number = Date.now,
  ) {}

  async verify(token: string): Promise<AccessTokenClaims> {
    const ctx: TokenCheckContext = { token, nowSeconds: Math.floor(this.clock() / 1000) };
    const known = this.verified.get(token);
    if (known && known.exp > ctx.nowSeconds) {
      ctx.claims = known;
    } else {
      this.verified.delete(token);
      for (const check of VERIFY_ACCESS_TOKEN) await check(ctx, this.deps);
      this.remember(token, ctx.claims!);
    }
    await checkTokenNotRevoked(ctx, this.deps);
    return ctx.claims!;
  }

  private remember(token: string, claims: AccessTokenClaims): void {
    if (this.verified.size >= CACHE_LIMIT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
  }
}
