import { z } from 'zod';

/** A room id as it appears in `/r/<room>`: letters, digits, `-` and `_`. */
export const roomIdSchema = z
  .string()
  .min(1, 'room id is empty')
  .max(64, 'room id is longer than 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'room id may only contain letters, digits, "-" and "_"')
  .brand<'RoomId'>();
export type RoomId = z.infer<typeof roomIdSchema>;

/** A participant id issued by the gateway on join; stable across a resumed session. */
export const participantIdSchema = z.string().min(1).max(64).brand<'ParticipantId'>();
export type ParticipantId = z.infer<typeof participantIdSchema>;

/** Alphabet without look-alikes (no 0/o, 1/l/i), so ids survive being read aloud. */
const ROOM_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A new unguessable room id like `k7tp-wq3m-zr9x`: 12 symbols from a 31-letter
 * alphabet (about 59 bits), grouped in fours for reading aloud.
 */
export function newRoomId(): RoomId {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  bytes.forEach((byte, i) => {
    if (i > 0 && i % 4 === 0) id += '-';
    // 256 % 31 = 8: a tiny bias towards the first 8 symbols, irrelevant at 59 bits.
    id += ROOM_ALPHABET[byte % ROOM_ALPHABET.length];
  });
  return id as RoomId;
}
