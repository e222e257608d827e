import type { ClientRecord } from '../../clients/client-record';
import type { SmartServices } from '../../smart-services';
import type { CodeRecord } from '../../tokens/authorization-codes';
import type { UserRecord } from '../../users/user-record';
import type { TokenRequestInfo } from '../token-request';

export interface CodeExchange {
  client: ClientRecord;
  code: string;
  redirectUri: unknown;
  body: Record<string, unknown>;
  info?: TokenRequestInfo;
  record?: CodeRecord;
  user?: UserRecord;
}

/** One check of an authorization code exchange (RFC 6749 §4.1.3, RFC 7636 §4.6). */
export type CodeCheck = (ctx: CodeExchange, services: SmartServices) => void | Promise<void>;
