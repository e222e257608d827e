import type { DocumentStore } from '../../resources/storage/port';
import { ignoreAuthEvents, type AuthEvent, type AuthEventSink } from '../auth-event';
import type { ClientRecord } from '../clients/client-record';
import { ClientRegistry, type NewClient } from '../clients/client-registry';
import { LaunchContexts } from '../launch/launch-contexts';
import { AUTH } from '../store/auth-collections';
import { RefreshTokens } from '../tokens/refresh-tokens';
import { Revocations, type IssuedToken } from '../tokens/revocations';
import { totpUri } from '../users/totp';
import { UserDirectory, type NewUser } from '../users/user-directory';
import type { UserRecord } from '../users/user-record';

export interface AdminDeps {
  store: DocumentStore;
  fhirBase: string;
  /** Shown in authenticator apps beside the username. */
  totpIssuer: string;
  clock?: () => number;
  onAuthEvent?: AuthEventSink;
}

/**
 * Administration, shared by the `fhir-admin` CLI, RFC 7591 registration and test/bench provisioning, so each
 * action has one implementation and reports one auth event: clients, users, revocation, EHR launches.
 */
export class Admin {
  readonly registry: ClientRegistry;
  readonly users: UserDirectory;
  readonly revocations: Revocations;
  readonly refreshTokens: RefreshTokens;
  readonly launches: LaunchContexts;
  private readonly clock: () => number;
  private readonly onAuthEvent: AuthEventSink;

  constructor(private readonly deps: AdminDeps) {
    this.clock = deps.clock ?? Date.now;
    this.onAuthEvent = deps.onAuthEvent ?? ignoreAuthEvents;
    this.registry = new ClientRegistry(deps.store, this.clock);
    this.users = new UserDirectory(deps.store, this.clock);
    this.revocations = new Revocations(deps.store, this.clock);
    this.refreshTokens = new RefreshTokens(deps.store, this.revocations, this.clock);
    this.launches = new LaunchContexts(deps.store, this.clock);
  }

  async addClient(input: NewClient, context: EventContext = {}): Promise<{ client: ClientRecord; secret?: string }> {
    const added = await this.registry.add(input);
    await this.event({ kind: 'client-registered', outcome: 'success', clientId: added.client._id, scopes: added.client.scopes.join(' '), reason: `${added.client.kind} client via ${input.source}` }, context);
    return added;
  }

  /** Removes a client and revokes everything it holds. */
  async removeClient(clientId: string, context: EventContext = {}): Promise<boolean> {
    const removed = await this.registry.remove(clientId);
    if (!removed) return false;
    await this.refreshTokens.revokeFamilies({ clientId }, 'client removed');
    await this.revocations.revokeIssued({ clientId }, 'client removed');
    await this.event({ kind: 'client-removed', outcome: 'success', clientId }, context);
    return true;
  }

  async addUser(input: NewUser, context: EventContext = {}): Promise<{ user: UserRecord; totpSecret: string; otpauthUri: string }> {
    const user = await this.users.add(input);
    await this.event({ kind: 'user-added', outcome: 'success', user: user.username, fhirUser: user.fhirUser, reason: `roles: ${user.roles.map((r) => r.role).join(', ') || 'none'}` }, context);
    return { user, totpSecret: user.totpSecret, otpauthUri: totpUri(this.deps.totpIssuer, user.username, user.totpSecret) };
  }

  /** Disables a user and revokes every token issued for them. */
  async disableUser(username: string, context: EventContext = {}): Promise<UserRecord | undefined> {
    const user = await this.users.disable(username);
    if (!user) return undefined;
    await this.refreshTokens.revokeFamilies({ userId: user._id }, 'user disabled');
    await this.revocations.revokeIssued({ userId: user._id }, 'user disabled');
    await this.event({ kind: 'user-disabled', outcome: 'success', user: user.username, fhirUser: user.fhirUser }, context);
    return user;
  }

  /** Revokes one access token (by jti), or everything held by a user or a client; returns how many access tokens. */
  async revoke(target: { jti?: string; username?: string; clientId?: string }, context: EventContext = {}): Promise<number> {
    let jtis: string[] = [];
    if (target.jti !== undefined) {
      const issued = await this.deps.store.collection<IssuedToken>(AUTH.issuedTokens).findById(target.jti);
      if (issued) {
        await this.revocations.revokeToken(issued._id, issued.exp, 'revoked by an administrator');
        jtis = [issued._id];
      }
    }
    if (target.username !== undefined) {
      const user = await this.users.findByUsername(target.username);
      if (!user) throw new Error(`no user named '${target.username}'`);
      jtis.push(...(await this.refreshTokens.revokeFamilies({ userId: user._id }, 'revoked by an administrator')));
      jtis.push(...(await this.revocations.revokeIssued({ userId: user._id }, 'revoked by an administrator')));
    }
    if (target.clientId !== undefined) {
      jtis.push(...(await this.refreshTokens.revokeFamilies({ clientId: target.clientId }, 'revoked by an administrator')));
      jtis.push(...(await this.revocations.revokeIssued({ clientId: target.clientId }, 'revoked by an administrator')));
    }
    const count = new Set(jtis).size;
    await this.event(
      { kind: 'token-revoked', outcome: 'success', user: target.username, clientId: target.clientId, tokenId: target.jti, reason: `revoked by an administrator (${count} access token(s))` },
      context,
    );
    return count;
  }

  /** Creates an EHR launch context for a client and returns the URL that launches the app. */
  async launch(clientId: string, context: { patient?: string; encounter?: string }): Promise<{ id: string; url?: string }> {
    const client = await this.registry.find(clientId);
    if (!client) throw new Error(`no client '${clientId}'`);
    return this.launches.create(client, context, this.deps.fhirBase);
  }

  private event(event: Omit<AuthEvent, 'at'>, context: EventContext): Promise<void> {
    return this.onAuthEvent({ ...event, ...context, at: this.clock() });
  }
}

/** Where an administrative action came from, for its auth event. */
export interface EventContext {
  address?: string;
  requestId?: string;
}
