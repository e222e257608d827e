import { InvalidGrant } from '../../errors/oauth-errors';
import type { CodeCheck } from './code-check';

/** RFC 6749 §4.1.3: the code was issued to the client now authenticated. */
export const checkCodeClient: CodeCheck = (ctx) => {
  if (ctx.record!.clientId !== ctx.client._id) throw new InvalidGrant('The authorization code was issued to another client');
};
