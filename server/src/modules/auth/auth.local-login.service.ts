import type { EventBus } from '../../platform/events/event-bus.js';
import { AppError } from '../../platform/http/errors.js';
import type { UsersRepository } from '../users/index.js';
import './auth.events.js';
import type { LoginThrottle } from './auth.login-throttle.js';
import { lockedOut } from './auth.login-throttle.js';
import { DecoyHash, type PasswordHasher } from './auth.passwords.js';
import type { IssuedSession, RequestContext, SessionService } from './auth.sessions.service.js';

export interface LocalLoginDeps {
  users: UsersRepository;
  sessions: SessionService;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  events: EventBus;
}

const wrongCredentials = () =>
  new AppError('INVALID_CREDENTIALS', 'The username or password is wrong. Check them, or sign in with Plex.');

/** Sign-in with a local account (the fallback admin, or accounts made with `medianest admin create`). */
export class LocalLoginService {
  private readonly decoy: DecoyHash;

  constructor(private readonly deps: LocalLoginDeps) {
    this.decoy = new DecoyHash(deps.hasher);
  }

  async login(username: string, password: string, ctx: RequestContext): Promise<IssuedSession> {
    const subject = { ip: ctx.ip, username };
    const failed = (reason: 'bad-credentials' | 'locked-out' | 'disabled', userId: string | null) =>
      this.deps.events.publish(
        'user.loginFailed',
        { method: 'local', username, userId, reason, ip: ctx.ip },
        ctx.requestId ? { requestId: ctx.requestId } : {},
      );
    try {
      await this.deps.throttle.assertAllowed(subject);
    } catch (error) {
      await failed('locked-out', null);
      throw error;
    }
    const user = await this.deps.users.findByUsername(username);
    let matches = false;
    if (user?.passwordHash) matches = await this.deps.hasher.verify(user.passwordHash, password);
    else await this.decoy.burn(password);
    if (!user || !matches) {
      await failed('bad-credentials', user?.id ?? null);
      const lockout = await this.deps.throttle.recordFailure(subject);
      if (lockout > 0) throw lockedOut(lockout);
      throw wrongCredentials();
    }
    await this.deps.throttle.recordSuccess(subject);
    if (user.disabledAt !== null) {
      await failed('disabled', user.id);
      throw new AppError('USER_DISABLED', 'Your account is disabled. Ask the administrator of this MediaNest.');
    }
    return this.deps.sessions.open(user, 'local', ctx);
  }
}
