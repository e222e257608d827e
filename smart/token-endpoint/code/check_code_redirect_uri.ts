import { InvalidGrant } from '../../errors/oauth-errors';
import type { CodeCheck } from './code-check';

/** RFC 6749 §4.1.3: redirect_uri is repeated, identical to the one in the authorization request. */
export const checkCodeRedirectUri: CodeCheck = (ctx) => {
  if (ctx.redirectUri !== ctx.record!.redirectUri) throw new InvalidGrant('redirect_uri does not match the authorization request');
};
