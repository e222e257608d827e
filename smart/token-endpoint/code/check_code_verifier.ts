import { createHash } from 'node:crypto';
import { InvalidGrant, InvalidRequest } from '../../errors/oauth-errors';
import { SECURITY_DEFAULTS } from '../../security-defaults';
import { constantTimeEqual } from '../../store/secrets';
import type { CodeCheck } from './code-check';

/**
 * RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)) equals the stored challenge. A missing or blank verifier is
 * invalid_request; a malformed one, one equal to the challenge itself (a client that sent the challenge as
 * the verifier), or a wrong one is invalid_grant.
 */
export const checkCodeVerifier: CodeCheck = (ctx) => {
  const verifier = ctx.body.code_verifier;
  if (typeof verifier !== 'string' || verifier.trim() === '') throw new InvalidRequest('code_verifier is required');
  const challenge = ctx.record!.codeChallenge;
  if (!SECURITY_DEFAULTS.codeVerifierPattern.test(verifier)) throw new InvalidGrant('code_verifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~');
  if (verifier === challenge) throw new InvalidGrant('code_verifier must be the secret, not the challenge');
  const computed = createHash('sha256').update(verifier).digest('base64url');
  if (!constantTimeEqual(computed, challenge)) throw new InvalidGrant('code_verifier does not match the code_challenge');
};
