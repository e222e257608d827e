import type { ClientRecord } from '../../clients/client-record';
import type { Scope } from '../../scopes/scope';
import type { SmartServices } from '../../smart-services';
import type { TokenRequestInfo } from '../token-request';

export interface BackendRequest {
  client: ClientRecord;
  requested?: string[];
  info?: TokenRequestInfo;
  scopes?: Scope[];
}

/** One check of a backend-services token request (SMART Backend Services §Obtaining an access token). */
export type BackendCheck = (ctx: BackendRequest, services: SmartServices) => void | Promise<void>;
