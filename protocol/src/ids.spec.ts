import { newRoomId, roomIdSchema } from './ids';

describe('room ids', () => {
  it('generates ids that the room id schema accepts', () => {
    for (let i = 0; i < 50; i += 1) expect(roomIdSchema.safeParse(newRoomId()).success).toBeTrue();
  });

  it('generates ids in three groups of four without look-alike characters', () => {
    expect(newRoomId()).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
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
