import { InvalidGrant } from '../../errors/oauth-errors';
import type { CodeCheck } from './code-check';

/** RFC 6749 §4.1.2: codes are short-lived. */
export const checkCodeNotExpired: CodeCheck = (ctx, services) => {
  if (services.clock() >= ctx.record!.expiresAt) throw new InvalidGrant('The authorization code has expired');
};
