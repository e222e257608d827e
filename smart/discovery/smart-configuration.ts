import { SECURITY_DEFAULTS } from '../security-defaults';
import type { Endpoints } from './endpoints';

/** Scopes advertised (SMART 2.2 §scopes_supported): the context scopes and wildcard resource scopes, v1 and v2. */
export const SCOPES_SUPPORTED = [
  'openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'launch/encounter', 'offline_access', 'online_access',
  'patient/*.rs', 'patient/*.cruds', 'user/*.rs', 'user/*.cruds', 'system/*.rs', 'system/*.cruds',
  'patient/*.read', 'patient/*.write', 'patient/*.*', 'user/*.read', 'user/*.write', 'user/*.*',
  'system/*.read', 'system/*.write', 'system/*.*',
];

/** GET {fhirBase}/.well-known/smart-configuration (SMART App Launch 2.2 §Conformance: Metadata). */
export function smartConfiguration(endpoints: Endpoints): Record<string, unknown> {
  return {
    issuer: endpoints.issuer,
    jwks_uri: endpoints.jwks,
    authorization_endpoint: endpoints.authorize,
    token_endpoint: endpoints.token,
    introspection_endpoint: endpoints.introspect,
    revocation_endpoint: endpoints.revoke,
    registration_endpoint: endpoints.register,
    management_endpoint: endpoints.manage,
    grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
    response_types_supported: ['code'],
    scopes_supported: SCOPES_SUPPORTED,
    code_challenge_methods_supported: SECURITY_DEFAULTS.pkceMethods,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt', 'none'],
    token_endpoint_auth_signing_alg_values_supported: SECURITY_DEFAULTS.clientAssertionAlgs,
    capabilities: [
      'launch-ehr', 'launch-standalone', 'authorize-post', 'client-public', 'client-confidential-symmetric',
      'client-confidential-asymmetric', 'sso-openid-connect', 'context-banner', 'context-style', 'context-ehr-patient',
      'context-ehr-encounter', 'context-standalone-patient', 'context-standalone-encounter', 'permission-offline',
      'permission-online', 'permission-patient', 'permission-user', 'permission-v1', 'permission-v2',
    ],
  };
}
