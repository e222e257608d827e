import { InvalidRequest } from '../../errors/oauth-errors';
import type { AuthorizeCheck } from '../authorize-check';

/** RFC 6749 §3.1: request parameters must not be included more than once. */
export const checkParamsOnce: AuthorizeCheck = ({ areq }) => {
  if (areq.repeated.length > 0) throw new InvalidRequest(`${areq.repeated.join(', ')} must appear once`);
};
