import { decodeJwt } from 'jose';
import { InvalidClient } from '../../errors/oauth-errors';
import type { AssertionCheck } from './assertion-check';

/**
 * RFC 7523 §3 and SMART Backend Services: `iss` and `sub` are both the client_id of a registered asymmetric
 * client (and equal to a client_id sent beside). The claims are read unverified here only to find whose key
 * must verify the signature; nothing else is believed until then.
 */
export const checkAssertionClient: AssertionCheck = async (ctx, deps) => {
  let unverified;
  try {
    unverified = decodeJwt(ctx.assertion!);
  } catch {
    throw new InvalidClient('The client assertion payload cannot be read');
  }
  const { iss, sub } = unverified;
  if (typeof iss !== 'string' || iss === '' || iss !== sub) throw new InvalidClient('The client assertion needs iss and sub both equal to the client_id');
  if (ctx.body.client_id !== undefined && ctx.body.client_id !== iss) throw new InvalidClient('client_id does not match the client assertion');
  const client = await deps.registry.find(iss);
  if (!client || client.kind !== 'confidential-asymmetric') throw new InvalidClient('Unknown client, or not registered for private_key_jwt');
  ctx.client = client;
};
