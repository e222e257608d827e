import { BasicStrategy } from 'passport-http';
import { Strategy } from 'passport-strategy';
import type { Request } from 'express';
import { InvalidClient } from '../errors/oauth-errors';
import type { DocumentStore } from '../../resources/storage/port';
import { authenticateAssertion } from './assertion/private-key-jwt';
import type { ClientKeyResolver } from './client-keys';
import type { ClientRegistry } from './client-registry';

/** passport strategy names are the RFC 7591 token_endpoint_auth_method values. */
export type ClientAuthMethod = 'client_secret_basic' | 'private_key_jwt' | 'none';

/**
 * client_secret_basic (RFC 6749 §2.3.1): HTTP Basic with the form-urlencoded client_id and secret, for
 * confidential-symmetric clients.
 */
export function clientSecretBasic(registry: ClientRegistry): BasicStrategy {
  return new BasicStrategy((rawId, rawSecret, done) => {
    const id = formDecode(rawId);
    const secret = formDecode(rawSecret);
    if (id === undefined || secret === undefined) return done(null, false);
    registry.verifySecret(id, secret).then(
      (client) => done(null, client && client.kind === 'confidential-symmetric' ? client : false),
      (e: unknown) => done(e),
    );
  });
}

/** private_key_jwt (RFC 7523 §2.2): a JWT signed with the client's registered key. */
export class PrivateKeyJwtStrategy extends Strategy {
  name = 'private_key_jwt';

  constructor(
    private readonly deps: { registry: ClientRegistry; keys: ClientKeyResolver; store: DocumentStore; clock: () => number },
    private readonly audiencesOf: (req: Request) => string[],
  ) {
    super();
  }

  override authenticate(req: Request): void {
    const ctx = { body: (req.body ?? {}) as Record<string, unknown>, audiences: this.audiencesOf(req), nowSeconds: Math.floor(this.deps.clock() / 1000) };
    authenticateAssertion(ctx, this.deps).then(
      (client) => this.success(client),
      (e: unknown) => (e instanceof InvalidClient ? this.fail({ message: e.message }, 401) : this.error(e as Error)),
    );
  }
}

/** Public clients (`none`): identified by client_id alone; PKCE then proves the code is theirs. */
export class PublicClientStrategy extends Strategy {
  name = 'none';

  constructor(private readonly registry: ClientRegistry) {
    super();
  }

  override authenticate(req: Request): void {
    const id = (req.body as Record<string, unknown> | undefined)?.client_id;
    if (typeof id !== 'string' || id === '') {
      this.fail({ message: 'client_id is required' }, 401);
      return;
    }
    this.registry.find(id).then(
      (client) => {
        if (!client) this.fail({ message: 'Unknown client' }, 401);
        else if (client.kind !== 'public') this.fail({ message: 'This client must authenticate with its credentials' }, 401);
        else this.success(client);
      },
      (e: unknown) => this.error(e as Error),
    );
  }
}

function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
