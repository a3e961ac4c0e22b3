import './zod'; // First: configures zod before any schema is built (and see there why z comes from 'zod').
import * as z from 'zod';

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

/** 32 symbols without look-alike pairs (no i, l, o, 1), so ids survive being read aloud. */
const ROOM_ALPHABET = 'abcdefghjkmnpqrstuvwxyz023456789';
const ROOM_SYMBOLS = 20;

/**
 * A new unguessable room id like `k7tpw-q3mzr-9xa2b-ncd4e`: 20 symbols from a
 * 32-letter alphabet, 100 bits, grouped in fives for reading aloud.
 */
export function newRoomId(): RoomId {
  const bytes = new Uint8Array(ROOM_SYMBOLS);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  bytes.forEach((byte, i) => {
    if (i > 0 && i % 5 === 0) id += '-';
    // 256 is a multiple of 32, so the low five bits are uniform.
    id += ROOM_ALPHABET[byte % 32];
  });
  return id as RoomId;
}
