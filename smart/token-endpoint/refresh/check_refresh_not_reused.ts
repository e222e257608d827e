import type { RefreshCheck } from './refresh-check';
import { refuseReuse } from './refuse-reuse';

/** A public client's refresh token works once (rotation); reuse revokes the family. */
export const checkRefreshNotReused: RefreshCheck = async (ctx, services) => {
  if (ctx.record!.rotatedAt !== undefined) await refuseReuse(ctx, services);
};
