import type { AuthorizeCheck, AuthorizeContext, AuthorizeDeps } from './authorize-check';
import { checkAudience } from './checks/check_audience';
import { checkClientGrant } from './checks/check_client_grant';
import { checkClientKnown } from './checks/check_client_known';
import { checkClientParamsOnce } from './checks/check_client_params_once';
import { checkLaunch } from './checks/check_launch';
import { checkParamsOnce } from './checks/check_params_once';
import { checkPkce } from './checks/check_pkce';
import { checkRedirectUri } from './checks/check_redirect_uri';
import { checkScope } from './checks/check_scope';
import { checkState } from './checks/check_state';

/**
 * The checks of /authorize, in order. RFC 6749 §4.1.2.1: until the client and its redirect URI are known good,
 * an error is shown to the user; after that, it is sent back to the app's redirect URI with `state`.
 */
export const AUTHORIZE_CHECKS = {
  beforeRedirect: [checkClientParamsOnce, checkClientKnown, checkRedirectUri] as readonly AuthorizeCheck[],
  afterRedirect: [checkParamsOnce, checkClientGrant, checkState, checkAudience, checkPkce, checkScope, checkLaunch] as readonly AuthorizeCheck[],
};

/** Runs the table; `redirectable` says whether a thrown error may go back to the redirect URI. */
export async function runAuthorizeChecks(ctx: AuthorizeContext, deps: AuthorizeDeps): Promise<{ error?: unknown; redirectable: boolean }> {
  try {
    for (const check of AUTHORIZE_CHECKS.beforeRedirect) await check(ctx, deps);
  } catch (error) {
    return { error, redirectable: false };
  }
  try {
    for (const check of AUTHORIZE_CHECKS.afterRedirect) await check(ctx, deps);
  } catch (error) {
    return { error, redirectable: true };
  }
  return { redirectable: true };
}
