import { roomPin, roomSecrets } from './room-secret';

describe('roomSecrets', () => {
  const key = new TextEncoder().encode('a-session-key-of-at-least-32-characters!');

  it('gives a room the same secret every time, from any instance holding the same key', () => {
    expect(roomSecrets(key)('room-1')).toBe(roomSecrets(Uint8Array.from(key))('room-1'));
  });

  it('gives every room its own secret', () => {
    const secret = roomSecrets(key);
    expect(secret('room-1')).not.toBe(secret('room-2'));
  });

  it('gives the same room another secret under another key', () => {
    expect(roomSecrets(key)('room-1')).not.toBe(roomSecrets(new TextEncoder().encode('another-key'))('room-1'));
  });

  it('is 256 bits in URL-safe base64, never the key itself', () => {
    const secret = roomSecrets(key)('room-1');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toContain('session-key');
  });
});

describe('roomPin', () => {
  const secret = roomSecrets(new TextEncoder().encode('a-session-key-of-at-least-32-characters!'));

  it('gives a room the same pin every time, its own, and never its secret', () => {
    expect(roomPin(secret('room-1'))).toBe(roomPin(secret('room-1')));
    expect(roomPin(secret('room-1'))).not.toBe(roomPin(secret('room-2')));
    expect(roomPin(secret('room-1'))).not.toBe(secret('room-1'));
    expect(roomPin(secret('room-1'))).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
