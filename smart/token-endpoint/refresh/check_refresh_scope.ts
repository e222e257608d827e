import { InvalidScope } from '../../errors/oauth-errors';
import { coveredByAny } from '../../scopes/scope-coverage';
import { parseScope, parseScopes } from '../../scopes/scope';
import type { RefreshCheck } from './refresh-check';

/** RFC 6749 §6: a refresh may ask for the same scopes or fewer, never more than originally granted. */
export const checkRefreshScope: RefreshCheck = (ctx) => {
  const granted = parseScopes(ctx.family!.scopes);
  if (ctx.requested === undefined) {
    ctx.scopes = granted;
    return;
  }
  const requested = ctx.requested.map((text) => ({ text, scope: parseScope(text) }));
  const beyond = requested.filter((r) => !r.scope || !coveredByAny(granted, r.scope));
  if (beyond.length > 0) throw new InvalidScope(`Not part of the original grant: ${beyond.map((r) => r.text).join(' ')}`);
  ctx.scopes = requested.map((r) => r.scope!);
};
