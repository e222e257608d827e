import type { ClientRecord } from '../../clients/client-record';
import type { Scope } from '../../scopes/scope';
import type { SmartServices } from '../../smart-services';
import type { RefreshFamily, RefreshTokenRecord } from '../../tokens/refresh-tokens';
import type { UserRecord } from '../../users/user-record';
import type { TokenRequestInfo } from '../token-request';

export interface RefreshExchange {
  client: ClientRecord;
  token: string;
  /** The `scope` parameter, split (absent: the whole original grant). */
  requested?: string[];
  info?: TokenRequestInfo;
  record?: RefreshTokenRecord;
  family?: RefreshFamily;
  scopes?: Scope[];
  user?: UserRecord;
}

/** One check of a refresh (RFC 6749 §6, RFC 9700 §4.14). */
export type RefreshCheck = (ctx: RefreshExchange, services: SmartServices) => void | Promise<void>;
