import { generateBackendKey, requestBackendToken } from '../support/auth-backend';
import { LOOPBACK_BASE_URL, rootOf, tokenUrl } from '../support/auth-flow';
import { StoreUnavailableError } from '../../resources/storage/port';
import { startTestServer, type TestServer } from '../support/test-server';

const ADMIN_TOKEN = 'test-admin-credential-0123456789abcdef';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ ...LOOPBACK_BASE_URL, adminToken: ADMIN_TOKEN });
}, 60_000);
afterAll(() => server?.stop());

const register = (body: unknown, token = ADMIN_TOKEN) =>
  fetch(`${rootOf(server)}/oauth2/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, headers: r.headers, json: (await r.json().catch(() => undefined)) as any }));

describe('dynamic client registration (RFC 7591) behind the admin credential', () => {
  it('registers a public app and answers its metadata with a client_id', async () => {
    const answer = await register({ client_name: 'My App', redirect_uris: ['https://app.example/cb'], token_endpoint_auth_method: 'none', scope: 'launch/patient patient/*.rs' });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ client_name: 'My App', redirect_uris: ['https://app.example/cb'], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] });
    expect(answer.json.client_id).toEqual(expect.any(String));
    expect(answer.json.client_secret).toBeUndefined();
  });

  it('registers a symmetric client and shows its secret once', async () => {
    const answer = await register({ client_name: 'Server app', redirect_uris: ['https://app.example/cb'], token_endpoint_auth_method: 'client_secret_basic', scope: 'user/*.rs' });
    expect(answer.status).toBe(201);
    expect(answer.json.client_secret).toEqual(expect.any(String));
    expect(answer.json.client_secret_expires_at).toBe(0);
  });

  it('registers a backend service with a JWKS, which then gets tokens', async () => {
    const key = await generateBackendKey('ES384');
    const answer = await register({ client_name: 'Lab feed', token_endpoint_auth_method: 'private_key_jwt', grant_types: ['client_credentials'], jwks: { keys: [key.publicJwk] }, scope: 'system/Observation.cruds' });
    expect(answer.status).toBe(201);
    const issued = await requestBackendToken(tokenUrl(server), answer.json.client_id, key, 'system/Observation.cruds');
    expect(issued.status).toBe(200);
  });

  it('refuses without the admin credential, or with a wrong one', async () => {
    const body = { client_name: 'x', redirect_uris: ['https://app.example/cb'], token_endpoint_auth_method: 'none', scope: 'patient/*.rs' };
    const none = await register(body, '');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await register(body, 'wrong')).status).toBe(401);
  });

  it('refuses bad metadata', async () => {
    const badRedirect = await register({ redirect_uris: ['http://app.example/cb'], token_endpoint_auth_method: 'none', scope: 'patient/*.rs' });
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.json.error).toBe('invalid_redirect_uri');
    const badMethod = await register({ redirect_uris: ['https://app.example/cb'], token_endpoint_auth_method: 'client_secret_post' });
    expect(badMethod.json.error).toBe('invalid_client_metadata');
    const privateKey = await register({ token_endpoint_auth_method: 'private_key_jwt', grant_types: ['client_credentials'], scope: 'system/*.rs', jwks: { keys: [{ kty: 'EC', d: 'secret' }] } });
    expect(privateKey.json.error).toBe('invalid_client_metadata');
    const badScope = await register({ redirect_uris: ['https://app.example/cb'], token_endpoint_auth_method: 'none', scope: 'everything' });
    expect(badScope.json.error).toBe('invalid_client_metadata');
  });

  it('answers server_error, not a metadata error, when the store fails, and registers nothing', async () => {
    const store = server.server.app.store;
    const collection = store.collection.bind(store);
    const spy = jest.spyOn(store, 'collection').mockImplementation(((name: string) => {
      const real = collection(name);
      if (name !== 'auth_clients') return real;
      return Object.assign(Object.create(real) as typeof real, { insertOne: () => Promise.reject(new StoreUnavailableError('disk full')) });
    }) as typeof store.collection);
    let answer;
    try {
      answer = await register({ client_name: 'Unlucky', redirect_uris: ['https://app.example/cb'], token_endpoint_auth_method: 'none', scope: 'patient/*.rs' });
    } finally {
      spy.mockRestore();
    }
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ error: 'server_error', error_description: expect.any(String) });
    expect(answer.json.error_description).not.toContain('disk full');
    expect(await store.collection('auth_clients').findOne({ name: 'Unlucky' })).toBeUndefined();
  });

  it('removes a client with the same credential', async () => {
    const answer = await register({ client_name: 'Temp', redirect_uris: ['https://app.example/cb'], token_endpoint_auth_method: 'none', scope: 'patient/*.rs' });
    const url = `${rootOf(server)}/oauth2/register/${answer.json.client_id}`;
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(url, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(204);
    expect((await fetch(url, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(404);
  });

  it('is off when no admin credential is configured', async () => {
    const plain = await startTestServer(LOOPBACK_BASE_URL);
    try {
      const answer = await fetch(`${rootOf(plain)}/oauth2/register`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer anything' }, body: '{}' });
      expect(answer.status).toBe(403);
    } finally {
      await plain.stop();
    }
  });
});
