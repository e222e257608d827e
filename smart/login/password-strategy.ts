import type { Request } from 'express';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Throttle, ThrottleSettings } from './throttle';
import { addressKey, userKey } from './throttle';
import type { UserDirectory } from '../users/user-directory';

/** The one message for every failed sign-in: it does not say whether the user exists or is paused (ASVS 2.2.3 / 3.x). */
export const SIGN_IN_FAILED = 'Sign-in failed. Check your username and password, or wait a few minutes and try again.';

/**
 * Username and password (the first factor), with passport-local. Failures count against the username and
 * the address; while either is paused, even the right password is refused with the same message.
 */
export function passwordStrategy(deps: { users: UserDirectory; throttle: Throttle; userThrottle: ThrottleSettings; addressThrottle: ThrottleSettings }): LocalStrategy {
  return new LocalStrategy({ usernameField: 'username', passwordField: 'password', passReqToCallback: true }, (req: Request, username, password, done) => {
    const keys = [userKey(username), addressKey(req.socket.remoteAddress)];
    (async () => {
      if ((await deps.throttle.pausedUntil(keys)) !== undefined) return done(null, false, { message: 'throttled' });
      const user = await deps.users.verifyPassword(username, password);
      if (!user) {
        await deps.throttle.fail(keys[0], deps.userThrottle);
        await deps.throttle.fail(keys[1], deps.addressThrottle);
        return done(null, false, { message: 'bad credentials' });
      }
      return done(null, user);
    })().catch((e: unknown) => done(e));
  });
}
