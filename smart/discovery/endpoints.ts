/** Where the authorization server's endpoints live, below the issuer (= the server's BASE_URL). */
export const OAUTH_PATH = '/oauth2';

export interface Endpoints {
  issuer: string;
  fhirBase: string;
  authorize: string;
  token: string;
  introspect: string;
  revoke: string;
  register: string;
  manage: string;
  jwks: string;
  style: string;
  logout: string;
}

export function endpointsOf(baseUrl: string, fhirBase: string): Endpoints {
  const oauth = `${baseUrl}${OAUTH_PATH}`;
  return {
    issuer: baseUrl,
    fhirBase,
    authorize: `${oauth}/authorize`,
    token: `${oauth}/token`,
    introspect: `${oauth}/introspect`,
    revoke: `${oauth}/revoke`,
    register: `${oauth}/register`,
    manage: `${oauth}/manage`,
    jwks: `${oauth}/jwks`,
    style: `${oauth}/style.json`,
    logout: `${oauth}/logout`,
  };
}
