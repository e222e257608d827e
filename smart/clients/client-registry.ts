import { DuplicateKeyError, type DocumentStore } from '../../resources/storage/port';
import { InvalidClientMetadata, InvalidRedirectUri } from '../errors/oauth-errors';
import { parseScope } from '../scopes/scope';
import { AUTH } from '../store/auth-collections';
import { hashSecret, randomToken, secretMatchesHash } from '../store/secrets';
import type { ClientKind, ClientRecord, GrantType } from './client-record';
import { checkJwks, checkJwksUri } from './client-keys';

export interface NewClient {
  id?: string;
  name: string;
  kind: ClientKind;
  redirectUris?: string[];
  scopes: string[];
  grantTypes?: GrantType[];
  launchUrl?: string;
  jwks?: ClientRecord['jwks'];
  jwksUri?: string;
  source: ClientRecord['source'];
}

/** Clients in the store: registration (CLI, RFC 7591), lookup, secret verification, removal. */
export class ClientRegistry {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: () => number = Date.now,
  ) {}

  private get clients() {
    return this.store.collection<ClientRecord>(AUTH.clients);
  }

  find(clientId: string): Promise<ClientRecord | undefined> {
    return this.clients.findById(clientId);
  }

  list(): Promise<ClientRecord[]> {
    return this.clients.find({}, { sort: [['_id', 1]] });
  }

  /** Registers a client; returns it and, for a symmetric client, its secret (shown once, stored only hashed). */
  async add(input: NewClient): Promise<{ client: ClientRecord; secret?: string }> {
    const client = await this.validate(input);
    let secret: string | undefined;
    if (client.kind === 'confidential-symmetric') {
      secret = randomToken(32);
      client.secretHash = await hashSecret(secret);
    }
    try {
      await this.clients.insertOne(client);
    } catch (e) {
      if (e instanceof DuplicateKeyError) throw new InvalidClientMetadata(`a client with id '${client._id}' already exists`);
      throw e;
    }
    return { client, secret };
  }

  async remove(clientId: string): Promise<boolean> {
    return this.clients.deleteOne({ _id: clientId });
  }

  /** The client when `secret` is its secret; undefined otherwise (same time either way). */
  async verifySecret(clientId: string, secret: string): Promise<ClientRecord | undefined> {
    const client = await this.find(clientId);
    return (await secretMatchesHash(client?.secretHash, secret)) ? client : undefined;
  }

  private async validate(input: NewClient): Promise<ClientRecord> {
    const id = input.id ?? randomToken(16);
    if (!/^[A-Za-z0-9\-._~]{1,128}$/.test(id)) throw new InvalidClientMetadata(`client id '${id}' must be 1-128 of A-Z a-z 0-9 - . _ ~`);
    const redirectUris = input.redirectUris ?? [];
    for (const uri of redirectUris) checkRedirectUri(uri);
    const badScope = input.scopes.find((s) => parseScope(s) === undefined);
    if (badScope !== undefined) throw new InvalidClientMetadata(`'${badScope}' is not a SMART scope`);
    const grantTypes = input.grantTypes ?? defaultGrants(input.kind, input.scopes, redirectUris);
    if (grantTypes.includes('client_credentials') && input.kind !== 'confidential-asymmetric') {
      throw new InvalidClientMetadata('client_credentials (backend services) needs an asymmetric client with a JWKS');
    }
    if (grantTypes.includes('authorization_code') && redirectUris.length === 0) {
      throw new InvalidRedirectUri('an app that signs users in needs at least one redirect URI');
    }
    if (input.kind === 'confidential-asymmetric') {
      if (!input.jwks === !input.jwksUri) throw new InvalidClientMetadata('an asymmetric client needs exactly one of a JWKS or a JWKS URL');
      if (input.jwks) checkJwks(input.jwks);
      if (input.jwksUri) checkJwksUri(input.jwksUri);
    } else if (input.jwks || input.jwksUri) {
      throw new InvalidClientMetadata('only asymmetric clients have a JWKS');
    }
    if (input.launchUrl !== undefined) checkHttpUrl(input.launchUrl, 'launch URL');
    const client: ClientRecord = {
      _id: id,
      name: input.name,
      kind: input.kind,
      redirectUris,
      scopes: input.scopes,
      grantTypes,
      createdAt: this.clock(),
      source: input.source,
    };
    if (input.launchUrl !== undefined) client.launchUrl = input.launchUrl;
    if (input.jwks) client.jwks = input.jwks;
    if (input.jwksUri) client.jwksUri = input.jwksUri;
    return client;
  }
}

function defaultGrants(kind: ClientKind, scopes: string[], redirectUris: string[]): GrantType[] {
  const grants: GrantType[] = [];
  if (redirectUris.length > 0) grants.push('authorization_code', 'refresh_token');
  if (kind === 'confidential-asymmetric' && scopes.some((s) => s.startsWith('system/'))) grants.push('client_credentials');
  return grants;
}

/** RFC 9700 §4.1.1 and RFC 6749 §3.1.2: absolute, no fragment; https, or http only for a loopback app. */
export function checkRedirectUri(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new InvalidRedirectUri(`redirect URI '${uri}' is not an absolute URL`);
  }
  if (url.hash !== '' || uri.includes('#')) throw new InvalidRedirectUri(`redirect URI '${uri}' must not have a fragment`);
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback) && !/^[a-z][a-z0-9+.-]*\.[a-z0-9+.-]+:$/.test(url.protocol)) {
    throw new InvalidRedirectUri(`redirect URI '${uri}' must be https (http only on a loopback address, or a private-use scheme)`);
  }
}

function checkHttpUrl(uri: string, what: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new InvalidClientMetadata(`${what} '${uri}' is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidClientMetadata(`${what} '${uri}' must be http(s)`);
}
