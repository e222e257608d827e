import { InvalidClient } from '../../errors/oauth-errors';
import { JWT_BEARER, type AssertionCheck } from './assertion-check';

/** RFC 7523 §2.2: the assertion type is jwt-bearer and the assertion a compact JWS. */
export const checkAssertionType: AssertionCheck = (ctx) => {
  if (ctx.body.client_assertion_type !== JWT_BEARER) throw new InvalidClient(`client_assertion_type must be ${JWT_BEARER}`);
  const assertion = ctx.body.client_assertion;
  if (typeof assertion !== 'string' || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(assertion)) {
    throw new InvalidClient('client_assertion must be a signed JWT');
  }
  ctx.assertion = assertion;
};
