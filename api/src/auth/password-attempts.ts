import type { RoomId } from '@parley/protocol';
import { DomainError } from '../errors';
import type { AttemptPolicy, Store } from '../store/store';

/**
 * Password guesses per (room, client address): five go at once, then the next waits 10 s and each
 * one after twice as long as the one before, up to a quarter of an hour. Counted
 * in the store, so every gateway sharing Redis paces the same guesser, and
 * keyed by address rather than socket, so opening new connections buys
 * nothing. Nothing here is process-wide: one guesser cannot make anyone
 * else wait.
 */
export const PASSWORD_ATTEMPTS: AttemptPolicy = { free: 5, baseMs: 10_000, maxMs: 15 * 60_000, keepMs: 60 * 60_000 };

/** Paces password guesses (see {@link PASSWORD_ATTEMPTS}). */
export class PasswordAttempts {
  constructor(
    private readonly store: Store,
    private readonly policy: AttemptPolicy = PASSWORD_ATTEMPTS,
  ) {}

  /**
   * Runs `check` (true: the password is right) unless this address must
   * still wait, refusing with `auth.too_many_attempts` then. A right
   * password forgets the address's earlier failures.
   */
  async attempt(room: RoomId, address: string, check: () => Promise<boolean>): Promise<boolean> {
    const key = `password:${room}:${address}`;
    const waitMs = await this.store.reserveAttempt(key, Date.now(), this.policy);
    if (waitMs > 0) {
      throw new DomainError('auth.too_many_attempts', `Too many wrong passwords; try again in ${Math.ceil(waitMs / 1000)} s`);
    }
    const right = await check();
    if (right) await this.store.clearAttempts(key);
    return right;
  }
}
