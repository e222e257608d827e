import type { ProtectedHeaderParameters } from 'jose';
import type { KeyRing } from '../../keys/signing-keys';
import type { AccessTokenClaims } from '../access-token-claims';
import type { Revocations } from '../revocations';

/** What the access-token checks share: the token, and what earlier checks established about it. */
export interface TokenCheckContext {
  token: string;
  header?: ProtectedHeaderParameters;
  /** The payload bytes, available only once the signature has been verified. */
  verifiedPayload?: Uint8Array;
  claims?: AccessTokenClaims;
  nowSeconds: number;
}

export interface TokenCheckDeps {
  keys: KeyRing;
  revocations: Revocations;
  issuer: string;
  audience: string;
}

/** One check; throws InvalidToken when the token fails it. */
export type TokenCheck = (ctx: TokenCheckContext, deps: TokenCheckDeps) => void | Promise<void>;
