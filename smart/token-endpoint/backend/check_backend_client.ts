import { UnauthorizedClient } from '../../errors/oauth-errors';
import type { BackendCheck } from './backend-check';

/** SMART Backend Services: only asymmetric clients registered for client_credentials, authenticated by private_key_jwt. */
export const checkBackendClient: BackendCheck = (ctx) => {
  if (ctx.info?.method !== 'private_key_jwt' || !ctx.client.grantTypes.includes('client_credentials')) {
    throw new UnauthorizedClient('This client may not use client_credentials; backend services authenticate with private_key_jwt');
  }
};
