import type { ClientRecord } from '../../clients/client-record';
import { parseScopes } from '../../scopes/scope';
import type { SmartServices } from '../../smart-services';
import { grantFrom } from '../../tokens/grant';
import { reportFrom, respond, type Issued, type TokenRequestInfo } from '../token-request';
import { checkCodeClient } from './check_code_client';
import { checkCodeKnown } from './check_code_known';
import { checkCodeNotExpired } from './check_code_not_expired';
import { checkCodeNotReplayed } from './check_code_not_replayed';
import { checkCodeRedirectUri } from './check_code_redirect_uri';
import { checkCodeUser } from './check_code_user';
import { checkCodeVerifier } from './check_code_verifier';
import type { CodeCheck, CodeExchange } from './code-check';
import { refuseReplayedCode } from './revoke-code-grant';

/** grant_type=authorization_code, check by check, in order (RFC 6749 §4.1.3, RFC 7636 §4.6). */
export const AUTHORIZATION_CODE_CHECKS: readonly CodeCheck[] = [
  checkCodeKnown,
  checkCodeNotReplayed,
  checkCodeNotExpired,
  checkCodeClient,
  checkCodeRedirectUri,
  checkCodeVerifier,
  checkCodeUser,
];

/** oauth2orize exchange.authorizationCode `issue` (arity 6: oauth2orize passes body and authInfo). */
export function exchangeAuthorizationCode(services: SmartServices) {
  return (client: ClientRecord, code: string, redirectUri: string, body: Record<string, unknown>, info: TokenRequestInfo, done: Issued): void => {
    respond(done, exchange({ client, code, redirectUri, body, info }, services));
  };
}

async function exchange(ctx: CodeExchange, services: SmartServices) {
  for (const check of AUTHORIZATION_CODE_CHECKS) await check(ctx, services);
  const record = ctx.record!;
  // Atomic: of two concurrent exchanges exactly one wins; the loser is a replay.
  if (!(await services.codes.consume(record))) await refuseReplayedCode(ctx, services);
  const grant = grantFrom(record, ctx.client, ctx.user, parseScopes(record.scopes));
  const tokens = await services.issuer.issue(grant, { codeId: record._id });
  await reportFrom(services, ctx.info, ctx.client, {
    kind: 'token-issued',
    outcome: 'success',
    user: ctx.user!.username,
    fhirUser: grant.fhirUser,
    scopes: tokens.scope,
    patient: grant.patient === undefined ? undefined : `Patient/${grant.patient}`,
  });
  return tokens as unknown as Record<string, unknown> & { access_token: string; refresh_token?: string };
}
