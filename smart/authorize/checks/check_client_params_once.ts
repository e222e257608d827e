import { InvalidRequest } from '../../errors/oauth-errors';
import type { AuthorizeCheck } from '../authorize-check';

/** RFC 6749 §3.1: parameters appear at most once; a doubled client_id or redirect_uri cannot be trusted to redirect to. */
export const checkClientParamsOnce: AuthorizeCheck = ({ areq }) => {
  const doubled = areq.repeated.filter((name) => name === 'client_id' || name === 'redirect_uri');
  if (doubled.length > 0) throw new InvalidRequest(`${doubled.join(' and ')} must appear once`);
};
