import type { ClientRecord } from '../clients/client-record';
import type { SmartServices } from '../smart-services';

/** What client authentication put on `req.authInfo` for the grant handlers (oauth2orize passes it along). */
export interface TokenRequestInfo {
  method: 'client_secret_basic' | 'private_key_jwt' | 'none';
  address?: string;
  requestId?: string;
}

/** Reports an auth event from inside a grant, where only oauth2orize's arguments are at hand. */
export function reportFrom(services: SmartServices, info: TokenRequestInfo | undefined, client: ClientRecord, event: Omit<Parameters<SmartServices['onAuthEvent']>[0], 'at' | 'address' | 'requestId' | 'clientId'>): Promise<void> {
  return services.onAuthEvent({ ...event, clientId: client._id, at: services.clock(), address: info?.address, requestId: info?.requestId });
}

/** The oauth2orize `issued` callback, fed from our token response. */
export type Issued = (err: Error | null, accessToken?: string, refreshToken?: string, params?: Record<string, unknown>) => void;

export function respond(done: Issued, promise: Promise<Record<string, unknown> & { access_token: string; refresh_token?: string }>): void {
  promise.then(
    ({ access_token, refresh_token, ...params }) => done(null, access_token, refresh_token, params),
    (e: unknown) => done(e as Error),
  );
}
