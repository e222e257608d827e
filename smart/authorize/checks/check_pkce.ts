import { InvalidRequest } from '../../errors/oauth-errors';
import { SECURITY_DEFAULTS } from '../../security-defaults';
import type { AuthorizeCheck } from '../authorize-check';

/** RFC 9700 §2.1.1 and SMART §App Protection: PKCE is required for every client, with S256 only (RFC 7636 §4.3). */
export const checkPkce: AuthorizeCheck = ({ areq }) => {
  if (areq.codeChallenge === undefined) throw new InvalidRequest('code_challenge is required (PKCE with S256)');
  if (!SECURITY_DEFAULTS.pkceMethods.includes(areq.codeChallengeMethod as string)) {
    throw new InvalidRequest(`code_challenge_method must be ${SECURITY_DEFAULTS.pkceMethods.join(' or ')}`);
  }
  if (typeof areq.codeChallenge !== 'string' || !SECURITY_DEFAULTS.codeChallengePattern.test(areq.codeChallenge)) {
    throw new InvalidRequest('code_challenge must be the base64url SHA-256 of the code_verifier (43 characters)');
  }
};
