import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server?.stop());

describe('SMART discovery (App Launch 2.2 §Conformance)', () => {
  it('serves .well-known/smart-configuration at the FHIR base, as JSON, without a token', async () => {
    const response = await fetch(`${server.base}/.well-known/smart-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const config = (await response.json()) as any;
    const root = server.server.app.config.baseUrl;
    expect(config).toMatchObject({
      issuer: root,
      jwks_uri: `${root}/oauth2/jwks`,
      authorization_endpoint: `${root}/oauth2/authorize`,
      token_endpoint: `${root}/oauth2/token`,
      introspection_endpoint: `${root}/oauth2/introspect`,
      revocation_endpoint: `${root}/oauth2/revoke`,
      management_endpoint: `${root}/oauth2/manage`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    });
    expect(config.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'client_credentials', 'refresh_token']));
    expect(config.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'private_key_jwt', 'none']));
    expect(config.scopes_supported).toEqual(expect.arrayContaining(['openid', 'fhirUser', 'launch', 'launch/patient', 'offline_access', 'online_access', 'patient/*.rs', 'system/*.rs']));
    expect(config.capabilities).toEqual(
      expect.arrayContaining([
        'launch-ehr', 'launch-standalone', 'client-public', 'client-confidential-symmetric', 'client-confidential-asymmetric',
        'sso-openid-connect', 'context-banner', 'context-style', 'context-ehr-patient', 'context-ehr-encounter',
        'context-standalone-patient', 'context-standalone-encounter', 'permission-offline', 'permission-online',
        'permission-patient', 'permission-user', 'permission-v1', 'permission-v2', 'authorize-post',
      ]),
    );
  });

  it('serves the OpenID configuration at the issuer and a JWKS with an RSA key for RS256', async () => {
    const root = server.server.app.config.baseUrl;
    const openid = await (await fetch(`${server.server.url}/.well-known/openid-configuration`)).json();
    expect(openid).toMatchObject({ issuer: root, jwks_uri: `${root}/oauth2/jwks`, id_token_signing_alg_values_supported: ['RS256'] });
    const jwks = (await (await fetch(`${server.server.url}/oauth2/jwks`)).json()) as any;
    const rsa = jwks.keys.find((k: { kty: string }) => k.kty === 'RSA');
    expect(rsa).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(rsa.kid).toEqual(expect.any(String));
    for (const key of jwks.keys) expect(key.d).toBeUndefined();
  });

  it('puts the SMART security extension (oauth-uris) and service coding in /metadata, which stays anonymous', async () => {
    const response = await server.fhir('/metadata', { anonymous: true });
    expect(response.status).toBe(200);
    const security = response.json.rest[0].security;
    expect(security.service[0].coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' });
    const uris = security.extension.find((e: { url: string }) => e.url === 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris');
    const root = server.server.app.config.baseUrl;
    expect(uris.extension).toEqual(
      expect.arrayContaining([
        { url: 'authorize', valueUri: `${root}/oauth2/authorize` },
        { url: 'token', valueUri: `${root}/oauth2/token` },
        { url: 'introspect', valueUri: `${root}/oauth2/introspect` },
        { url: 'revoke', valueUri: `${root}/oauth2/revoke` },
      ]),
    );
  });

  it('serves smart_style_url as JSON', async () => {
    const response = await fetch(`${server.server.url}/oauth2/style.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ color_background: expect.any(String), font_family_body: expect.any(String) });
  });

  it('answers CORS preflights for browser apps', async () => {
    const response = await fetch(`${server.base}/Patient/1`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:9', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  });

  it('gives fhir() a system token by default, and 401 with WWW-Authenticate: Bearer without one', async () => {
    const authorized = await server.fhir('/Patient');
    expect(authorized.status).toBe(200);
    const anonymous = await server.fhir('/Patient', { anonymous: true });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(anonymous.headers.get('www-authenticate')).not.toMatch(/error=/);
    expect(anonymous.json.resourceType).toBe('OperationOutcome');
  });
});
