import type { ClientRecord } from '../client-record';
import type { AssertionCheck, AssertionContext, AssertionDeps } from './assertion-check';
import { checkAssertionAlg } from './check_assertion_alg';
import { checkAssertionAudience } from './check_assertion_audience';
import { checkAssertionClient } from './check_assertion_client';
import { checkAssertionJti } from './check_assertion_jti';
import { checkAssertionLifetime } from './check_assertion_lifetime';
import { checkAssertionSignature } from './check_assertion_signature';
import { checkAssertionType } from './check_assertion_type';

/** private_key_jwt client authentication (RFC 7523 §2.2, SMART Backend Services), check by check, in order. */
export const PRIVATE_KEY_JWT: readonly AssertionCheck[] = [
  checkAssertionType,
  checkAssertionAlg,
  checkAssertionClient,
  checkAssertionSignature,
  checkAssertionAudience,
  checkAssertionLifetime,
  checkAssertionJti,
];

export async function authenticateAssertion(ctx: AssertionContext, deps: AssertionDeps): Promise<ClientRecord> {
  for (const check of PRIVATE_KEY_JWT) await check(ctx, deps);
  return ctx.client!;
}
