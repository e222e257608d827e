import { InvalidRequest } from '../../errors/oauth-errors';
import type { AuthorizeCheck } from '../authorize-check';

/**
 * RFC 9700 §4.1.1 / §2.1: redirect_uri is required and equal, character for character, to a registered one;
 * a mismatch is shown to the user and never redirected (it would make us an open redirector).
 */
export const checkRedirectUri: AuthorizeCheck = ({ areq, client }) => {
  if (typeof areq.redirectURI !== 'string' || areq.redirectURI === '') throw new InvalidRequest('redirect_uri is required');
  if (!client!.redirectUris.includes(areq.redirectURI)) throw new InvalidRequest('redirect_uri does not match any registered for this app');
};
