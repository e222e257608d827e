import { InvalidGrant } from '../../errors/oauth-errors';
import { activeRoleNames } from '../../roles/role-assignment';
import { resourceScopes } from '../../scopes/scope';
import type { RefreshCheck } from './refresh-check';

/** The user must still be enabled, and hold a role active now when resource access is asked for. */
export const checkRefreshUser: RefreshCheck = async (ctx, services) => {
  const user = ctx.family!.userId === undefined ? undefined : await services.users.findById(ctx.family!.userId);
  if (!user || user.disabled) throw new InvalidGrant('The user of this authorization can no longer sign in');
  if (resourceScopes(ctx.scopes!).length > 0 && activeRoleNames(user.roles, Math.floor(services.clock() / 1000)).length === 0) {
    throw new InvalidGrant('The user has no role active now');
  }
  ctx.user = user;
};
