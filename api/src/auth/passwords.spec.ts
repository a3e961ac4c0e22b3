import { hashPassword, PASSWORD_WORK_LIMIT, PASSWORD_WORK_PER_ROOM, verifyPassword } from './passwords';

/** argon2id at 64 MiB and 3 passes takes a moment on a busy machine. */
const ARGON_MS = 30_000;

describe('room passwords', () => {
  it('hashes with argon2id and verifies the right password', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'correct horse')).toBeTrue();
  }, ARGON_MS);

  it('rejects a wrong password', async () => {
    expect(await verifyPassword(await hashPassword('correct horse'), 'battery staple')).toBeFalse();
  }, ARGON_MS);

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  }, ARGON_MS);

  it('treats a malformed hash as no match instead of throwing', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBeFalse();
  }, ARGON_MS);
});

describe('room passwords under a flood of guesses', () => {
  const rateLimited = jasmine.objectContaining({ code: 'rate_limited' });
  // The limits are checked when the work is asked for, so attempts made together hold their places
  // until they settle; unparseable hashes (each a "room") keep argon2 itself out of these specs.

  it('refuses guesses at one room past its share at once, with rate_limited, while another room is still served', async () => {
    const running = Array.from({ length: PASSWORD_WORK_PER_ROOM }, () => verifyPassword('not-a-hash-room', 'guess'));
    const [extra, elsewhere] = [verifyPassword('not-a-hash-room', 'guess'), verifyPassword('not-a-hash-other', 'guess')];
    await expectAsync(extra).toBeRejectedWith(rateLimited);
    expect(await elsewhere).toBeFalse();
    expect(await Promise.all(running)).toEqual(running.map(() => false));
    // Drained: the room takes attempts again.
    expect(await verifyPassword('not-a-hash-room', 'guess')).toBeFalse();
  });

  it('caps password work across rooms, hashing included', async () => {
    const running = Array.from({ length: PASSWORD_WORK_LIMIT }, (_, i) => verifyPassword(`not-a-hash-${i}`, 'guess'));
    const [hashing, verifying] = [hashPassword('new password'), verifyPassword('not-a-hash-other', 'guess')];
    await expectAsync(hashing).toBeRejectedWith(rateLimited);
    await expectAsync(verifying).toBeRejectedWith(rateLimited);
    expect(await Promise.all(running)).toEqual(running.map(() => false));
    expect(await verifyPassword('not-a-hash-other', 'guess')).toBeFalse();
  });
});
