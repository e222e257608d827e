import { generateBackendKey, requestBackendToken } from '../support/auth-backend';

/**
 * A backend-services client registered through the running server's RFC 7591 endpoint (switched on by a one-off
 * `SMART_ADMIN_TOKEN`), and its access token from the real client_credentials + private_key_jwt exchange: the
 * way a lab or public-health system would get one.
 */
export async function registeredClientToken(url: string, adminToken: string, name: string, scope: string): Promise<string> {
  const key = await generateBackendKey('ES384');
  const registered = await fetch(`${url}/oauth2/register`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: name,
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: ['client_credentials'],
      scope,
      jwks: { keys: [key.publicJwk] },
    }),
  });
  const client = (await registered.json()) as { client_id?: string };
  if (registered.status !== 201 || !client.client_id) throw new Error(`client registration answered ${registered.status}: ${JSON.stringify(client)}`);
  const answer = await requestBackendToken(`${url}/oauth2/token`, client.client_id, key, scope);
  if (answer.status !== 200) throw new Error(`token request answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  return answer.json.access_token as string;
}
