import type { RoomId } from '@parley/protocol';
import { SqliteStore } from '../store/sqlite-store';
import { PASSWORD_ATTEMPTS, PasswordAttempts } from './password-attempts';

describe('PasswordAttempts', () => {
  const room = 'room-a' as RoomId;
  const tooMany = jasmine.objectContaining({ code: 'auth.too_many_attempts' });
  let store: SqliteStore;
  let attempts: PasswordAttempts;
  const wrong = () => Promise.resolve(false);
  const right = () => Promise.resolve(true);

  beforeEach(() => {
    store = new SqliteStore(':memory:');
    attempts = new PasswordAttempts(store);
  });

  afterEach(() => store.close());

  it('lets five guesses from one address through, then refuses the next with auth.too_many_attempts', async () => {
    for (let i = 0; i < PASSWORD_ATTEMPTS.free; i++) expect(await attempts.attempt(room, '10.0.0.1', wrong)).toBeFalse();
    await expectAsync(attempts.attempt(room, '10.0.0.1', right)).toBeRejectedWith(tooMany);
  });

  it('counts guesses made at once before any is checked, so a flood cannot slip past the count', async () => {
    const flood = await Promise.allSettled(Array.from({ length: 20 }, () => attempts.attempt(room, '10.0.0.1', wrong)));
    expect(flood.filter((outcome) => outcome.status === 'fulfilled').length).toBe(PASSWORD_ATTEMPTS.free);
  });

  it('keeps another address, and the same address at another room, free to try', async () => {
    for (let i = 0; i < PASSWORD_ATTEMPTS.free; i++) await attempts.attempt(room, '10.0.0.1', wrong);
    expect(await attempts.attempt(room, '10.0.0.2', right)).toBeTrue();
    expect(await attempts.attempt('room-b' as RoomId, '10.0.0.1', right)).toBeTrue();
  });

  it('forgets earlier failures once the right password is given', async () => {
    for (let i = 0; i < PASSWORD_ATTEMPTS.free - 1; i++) await attempts.attempt(room, '10.0.0.1', wrong);
    expect(await attempts.attempt(room, '10.0.0.1', right)).toBeTrue();
    for (let i = 0; i < PASSWORD_ATTEMPTS.free - 1; i++) expect(await attempts.attempt(room, '10.0.0.1', wrong)).toBeFalse();
  });
});
