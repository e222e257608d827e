import { InvalidClient } from '../../errors/oauth-errors';
import type { AssertionCheck } from './assertion-check';

/** RFC 7523 §3 and SMART Backend Services: `aud` is the token endpoint URL (or the endpoint being called). */
export const checkAssertionAudience: AssertionCheck = (ctx) => {
  const aud = ctx.claims!.aud;
  const list = Array.isArray(aud) ? aud : [aud];
  if (!list.some((a) => typeof a === 'string' && ctx.audiences.includes(a))) {
    throw new InvalidClient(`The client assertion aud must be ${ctx.audiences[0]}`);
  }
};
