import { newRoomId, roomIdSchema } from './ids';

describe('room ids', () => {
  it('generates ids that the room id schema accepts', () => {
    for (let i = 0; i < 50; i += 1) expect(roomIdSchema.safeParse(newRoomId()).success).toBeTrue();
  });

  it('generates 100-bit ids in four groups of five without look-alike characters', () => {
    expect(newRoomId()).toMatch(/^[a-hjkmnp-z02-9]{5}(-[a-hjkmnp-z02-9]{5}){3}$/);
  });

  it('uses all 32 symbols of its alphabet', () => {
    const seen = new Set(Array.from({ length: 400 }, () => newRoomId().replace(/-/g, '')).join(''));
    expect(seen.size).toBe(32);
  });

  it('does not repeat itself', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newRoomId()));
    expect(ids.size).toBe(1000);
  });

  it('refuses ids with spaces, slashes or over 64 characters', () => {
    expect(roomIdSchema.safeParse('a b').success).toBeFalse();
    expect(roomIdSchema.safeParse('a/b').success).toBeFalse();
    expect(roomIdSchema.safeParse('a'.repeat(65)).success).toBeFalse();
  });
});
