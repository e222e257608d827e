import { InvalidGrant } from '../../errors/oauth-errors';
import type { CodeCheck } from './code-check';

/** RFC 6749 §5.2: an unknown code is invalid_grant. */
export const checkCodeKnown: CodeCheck = async (ctx, services) => {
  const record = await services.codes.find(ctx.code);
  if (!record) throw new InvalidGrant('The authorization code is not valid');
  ctx.record = record;
};
