import { SECURITY_DEFAULTS } from '../security-defaults';
import type { Endpoints } from './endpoints';
import { SCOPES_SUPPORTED } from './smart-configuration';

/** GET {issuer}/.well-known/openid-configuration (OpenID Connect Discovery 1.0 §3), for `sso-openid-connect`. */
export function openidConfiguration(endpoints: Endpoints): Record<string, unknown> {
  return {
    issuer: endpoints.issuer,
    authorization_endpoint: endpoints.authorize,
    token_endpoint: endpoints.token,
    jwks_uri: endpoints.jwks,
    registration_endpoint: endpoints.register,
    introspection_endpoint: endpoints.introspect,
    revocation_endpoint: endpoints.revoke,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [SECURITY_DEFAULTS.issuedTokenAlg],
    scopes_supported: SCOPES_SUPPORTED,
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'fhirUser', 'profile'],
    code_challenge_methods_supported: SECURITY_DEFAULTS.pkceMethods,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt', 'none'],
    token_endpoint_auth_signing_alg_values_supported: SECURITY_DEFAULTS.clientAssertionAlgs,
    authorization_response_iss_parameter_supported: true,
  };
}
