import { decodeProtectedHeader } from 'jose';
import { InvalidClient } from '../../errors/oauth-errors';
import { SECURITY_DEFAULTS } from '../../security-defaults';
import type { AssertionCheck } from './assertion-check';

/**
 * SMART §client-confidential-asymmetric: RS384 or ES384 only, so `none`, HMAC and weaker algorithms are refused
 * (RFC 8725 §3.1). `jku`, `x5u` and `jwk` headers are ignored: keys come from the client's registration only.
 */
export const checkAssertionAlg: AssertionCheck = (ctx) => {
  let header;
  try {
    header = decodeProtectedHeader(ctx.assertion!);
  } catch {
    throw new InvalidClient('The client assertion header cannot be read');
  }
  if (typeof header.alg !== 'string' || !SECURITY_DEFAULTS.clientAssertionAlgs.includes(header.alg)) {
    throw new InvalidClient(`The client assertion must be signed with ${SECURITY_DEFAULTS.clientAssertionAlgs.join(' or ')}`);
  }
  if (header.crit !== undefined) throw new InvalidClient('The client assertion has critical header parameters this server does not process');
  ctx.header = header;
};
