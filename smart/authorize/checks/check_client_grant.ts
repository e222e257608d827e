import { UnauthorizedClient } from '../../errors/oauth-errors';
import type { AuthorizeCheck } from '../authorize-check';

/** RFC 6749 §4.1.2.1: a client registered without the authorization_code grant may not use it. */
export const checkClientGrant: AuthorizeCheck = ({ client }) => {
  if (!client!.grantTypes.includes('authorization_code')) throw new UnauthorizedClient('This app may not sign users in');
};
