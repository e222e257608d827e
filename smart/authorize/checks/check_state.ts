import { InvalidRequest } from '../../errors/oauth-errors';
import type { AuthorizeCheck } from '../authorize-check';

/** SMART §authorize: `state` is required (CSRF protection for the app); it is echoed unchanged. */
export const checkState: AuthorizeCheck = ({ areq }) => {
  if (typeof areq.state !== 'string' || areq.state === '') throw new InvalidRequest('state is required');
  if (areq.state.length > 2048) throw new InvalidRequest('state is too long');
};
