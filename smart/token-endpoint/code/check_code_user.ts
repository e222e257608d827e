import { InvalidGrant } from '../../errors/oauth-errors';
import type { CodeCheck } from './code-check';

/** The user who authorized must still be allowed to sign in. */
export const checkCodeUser: CodeCheck = async (ctx, services) => {
  const user = ctx.record!.userId === undefined ? undefined : await services.users.findById(ctx.record!.userId);
  if (!user || user.disabled) throw new InvalidGrant('The user who authorized this code can no longer sign in');
  ctx.user = user;
};
