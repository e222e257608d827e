import { UnauthorizedClient } from '../../errors/oauth-errors';
import type { AuthorizeCheck } from '../authorize-check';

/** RFC 6749 §4.1.2.1: an unknown client_id is reported to the user, never redirected. */
export const checkClientKnown: AuthorizeCheck = async (ctx, deps) => {
  const client = await deps.registry.find(ctx.areq.clientID);
  if (!client) throw new UnauthorizedClient('This app is not registered with this server');
  ctx.client = client;
};
