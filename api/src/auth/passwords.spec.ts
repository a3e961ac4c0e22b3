import { hashPassword, verifyPassword } from './passwords';

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
