import { DuplicateKeyError, type StoredDocument } from '../../../resources/storage/port';
import { InvalidClient } from '../../errors/oauth-errors';
import { AUTH } from '../../store/auth-collections';
import type { AssertionCheck } from './assertion-check';

interface SeenJti extends StoredDocument {
  exp: number;
}

/**
 * RFC 7523 §3 and SMART Backend Services: a `jti` is used once per client; recording it is atomic (a unique
 * _id), so a concurrent replay loses too. Records could be dropped after `exp`.
 */
export const checkAssertionJti: AssertionCheck = async (ctx, deps) => {
  const { jti, exp } = ctx.claims!;
  if (typeof jti !== 'string' || jti === '' || jti.length > 256) throw new InvalidClient('The client assertion needs a jti');
  try {
    await deps.store.collection<SeenJti>(AUTH.assertionJtis).insertOne({ _id: `${ctx.client!._id}:${jti}`, exp: exp as number });
  } catch (e) {
    if (e instanceof DuplicateKeyError) throw new InvalidClient('The client assertion jti has been used before');
    throw e;
  }
};
