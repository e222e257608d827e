import { compactVerify } from 'jose';
import { InvalidClient } from '../../errors/oauth-errors';
import { SECURITY_DEFAULTS } from '../../security-defaults';
import type { AssertionCheck } from './assertion-check';

/** The signature, with a key from the client's registered JWKS (inline or fetched), before any claim is checked. */
export const checkAssertionSignature: AssertionCheck = async (ctx, deps) => {
  try {
    const getKey = deps.keys.keysOf(ctx.client!);
    const { payload } = await compactVerify(ctx.assertion!, getKey, { algorithms: [...SECURITY_DEFAULTS.clientAssertionAlgs] });
    ctx.claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new InvalidClient("The client assertion signature does not verify with the client's registered keys");
  }
};
