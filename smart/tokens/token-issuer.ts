import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { isActive } from '../roles/role-assignment';
import { hasScope } from '../scopes/scope';
import { SECURITY_DEFAULTS } from '../security-defaults';
import type { AccessTokenClaims, TokenRole } from './access-token-claims';
import { storedGrant, type Grant } from './grant';
import type { RefreshTokens } from './refresh-tokens';
import type { Revocations } from './revocations';
import type { TokenSigner } from './token-signer';

/** The token response (RFC 6749 §5.1 plus SMART App Launch §Response fields). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  patient?: string;
  encounter?: string;
  need_patient_banner?: boolean;
  smart_style_url?: string;
  id_token?: string;
  refresh_token?: string;
}

export interface IssuerSettings {
  issuer: string;
  fhirBase: string;
  styleUrl: string;
  accessTokenSeconds: number;
  offlineRefreshSeconds: number;
  onlineRefreshSeconds: number;
}

/** How the tokens being issued relate to earlier ones. */
export interface IssueLink {
  /** The authorization code exchanged (a replay of it revokes what is issued now). */
  codeId?: string;
  /** A refresh: the family continues, with this refresh token handed back (rotated or not). */
  family?: { id: string; refreshToken: string };
}

/**
 * Mints the tokens for a grant: a signed access token (recorded by jti for revocation), an id_token when
 * `openid` was granted to a user, and a refresh token when `offline_access` or `online_access` was.
 */
export class TokenIssuer {
  constructor(
    private readonly settings: IssuerSettings,
    private readonly signer: TokenSigner,
    private readonly revocations: Revocations,
    private readonly refreshTokens: RefreshTokens,
    private readonly clock: () => number = Date.now,
  ) {}

  async issue(grant: Grant, link: IssueLink = {}): Promise<TokenResponse> {
    const now = Math.floor(this.clock() / 1000);
    const backend = grant.user === undefined;
    const lifetime = backend ? Math.min(SECURITY_DEFAULTS.backendAccessTokenSeconds, this.settings.accessTokenSeconds) : this.settings.accessTokenSeconds;
    const scope = grant.scopes.map((s) => s.text).join(' ');
    const refresh = await this.refreshFor(grant, link);
    const claims: AccessTokenClaims = {
      iss: this.settings.issuer,
      sub: grant.user?._id ?? grant.client._id,
      aud: this.settings.fhirBase,
      exp: now + lifetime,
      iat: now,
      jti: randomUUID(),
      client_id: grant.client._id,
      scope,
    };
    if (grant.patient !== undefined) claims.patient = grant.patient;
    if (grant.encounter !== undefined) claims.encounter = grant.encounter;
    if (grant.fhirUser !== undefined) claims.fhirUser = grant.fhirUser;
    if (grant.user) claims.roles = tokenRoles(grant, now);
    if (grant.authTime !== undefined) claims.auth_time = grant.authTime;
    const accessToken = await this.signer.accessToken(claims);
    await this.revocations.record({
      _id: claims.jti,
      clientId: grant.client._id,
      exp: claims.exp,
      ...(grant.user ? { userId: grant.user._id } : {}),
      ...(refresh ? { familyId: refresh.familyId } : {}),
      ...(link.codeId ? { codeId: link.codeId } : {}),
    });

    const response: TokenResponse = { access_token: accessToken, token_type: 'Bearer', expires_in: lifetime, scope };
    if (backend) return response;
    if (grant.patient !== undefined) response.patient = grant.patient;
    if (grant.encounter !== undefined) response.encounter = grant.encounter;
    response.need_patient_banner = grant.needPatientBanner;
    response.smart_style_url = this.settings.styleUrl;
    if (hasScope(grant.scopes, 'openid')) response.id_token = await this.idToken(grant, now, lifetime);
    if (refresh) response.refresh_token = refresh.token;
    return response;
  }

  private async refreshFor(grant: Grant, link: IssueLink): Promise<{ familyId: string; token: string } | undefined> {
    if (link.family) return { familyId: link.family.id, token: link.family.refreshToken };
    const offline = hasScope(grant.scopes, 'offline_access');
    const online = hasScope(grant.scopes, 'online_access');
    if (!grant.user || (!offline && !online) || !grant.client.grantTypes.includes('refresh_token')) return undefined;
    const lifetime = offline ? this.settings.offlineRefreshSeconds : this.settings.onlineRefreshSeconds;
    const familyId = await this.refreshTokens.startFamily(storedGrant(grant), lifetime, link.codeId);
    return { familyId, token: await this.refreshTokens.mint(familyId) };
  }

  /** OpenID Connect Core §2 and SMART §fhirUser: RS256, aud = client_id, fhirUser as an absolute URL. */
  private idToken(grant: Grant, now: number, lifetime: number): Promise<string> {
    const claims: JWTPayload & Record<string, unknown> = {
      iss: this.settings.issuer,
      sub: grant.user!._id,
      aud: grant.client._id,
      exp: now + lifetime,
      iat: now,
    };
    if (grant.authTime !== undefined) claims.auth_time = grant.authTime;
    if (grant.nonce !== undefined) claims.nonce = grant.nonce;
    if (grant.fhirUser !== undefined && (hasScope(grant.scopes, 'fhirUser') || hasScope(grant.scopes, 'profile'))) {
      claims.fhirUser = `${this.settings.fhirBase}/${grant.fhirUser}`;
      if (hasScope(grant.scopes, 'profile')) claims.profile = claims.fhirUser;
    }
    return this.signer.idToken(claims);
  }
}

/** The user's roles valid now, with their windows, so every request can check them again without the store. */
function tokenRoles(grant: Grant, now: number): TokenRole[] {
  const roles = (grant.user?.roles ?? []).filter((r) => isActive(r, now));
  return roles.map((r) => {
    const role: TokenRole = { role: r.role };
    if (r.notBefore !== undefined) role.nbf = r.notBefore;
    if (r.notAfter !== undefined) role.exp = r.notAfter;
    return role;
  });
}

