import { InvalidClient } from '../../errors/oauth-errors';
import { SECURITY_DEFAULTS } from '../../security-defaults';
import type { AssertionCheck } from './assertion-check';

/** SMART Backend Services: `exp` is required, not past, and no more than five minutes ahead; nbf/iat not ahead. */
export const checkAssertionLifetime: AssertionCheck = (ctx) => {
  const { exp, nbf, iat } = ctx.claims!;
  const skew = SECURITY_DEFAULTS.clockSkewSeconds;
  if (typeof exp !== 'number') throw new InvalidClient('The client assertion needs exp');
  if (exp <= ctx.nowSeconds - skew) throw new InvalidClient('The client assertion has expired');
  if (exp > ctx.nowSeconds + SECURITY_DEFAULTS.clientAssertionMaxSeconds + skew) {
    throw new InvalidClient(`The client assertion exp may be at most ${SECURITY_DEFAULTS.clientAssertionMaxSeconds} seconds ahead`);
  }
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > ctx.nowSeconds + skew)) throw new InvalidClient('The client assertion is not valid yet');
  if (iat !== undefined && (typeof iat !== 'number' || iat > ctx.nowSeconds + skew)) throw new InvalidClient('The client assertion was issued in the future');
};
