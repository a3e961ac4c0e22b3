import { hashPassword, verifyPassword } from './passwords';

describe('room passwords', () => {
  it('hashes with argon2id and verifies the right password', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'correct horse')).toBeTrue();
  });

  it('rejects a wrong password', async () => {
    expect(await verifyPassword(await hashPassword('correct horse'), 'battery staple')).toBeFalse();
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('treats a malformed hash as no match instead of throwing', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBeFalse();
  });
});
