import { compactVerify } from 'jose';
import { InvalidToken } from '../../errors/oauth-errors';
import { SECURITY_DEFAULTS } from '../../security-defaults';
import type { TokenCheck } from './token-check';

/** The signature, with one of our own keys named by `kid`, before any claim is believed (RFC 8725 §3.3). */
export const checkTokenSignature: TokenCheck = async (ctx, deps) => {
  const key = deps.keys.knownPublicKey(ctx.header?.kid) ?? (await deps.keys.publicKey(ctx.header?.kid));
  if (!key) throw new InvalidToken('The access token was not signed by this server');
  try {
    const { payload } = await compactVerify(ctx.token, key, { algorithms: [SECURITY_DEFAULTS.issuedTokenAlg] });
    ctx.verifiedPayload = payload;
  } catch {
    throw new InvalidToken('The access token signature is not valid');
  }
};
