import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The `secret` of every Janus room, derived from a gateway key rather than
 * drawn at random: the same room key always gets the same secret. A room
 * the gateway adopts after Janus answered "already exists" (left by an
 * earlier gateway process, or created by another gateway sharing the key)
 * can therefore still be moderated (host mute) and destroyed.
 *
 * The gateway passes its session-signing key (SESSION_SECRET, or the key
 * generated into DATA_DIR): gateways that serve the same rooms share it
 * anyway, since each must verify the others' session tokens. A key of its
 * own is derived from it first (HKDF), so room secrets and session-token
 * signatures never come from the same key.
 */
export function roomSecrets(key: Uint8Array): (roomKey: string) => string {
  const derived = Buffer.from(hkdfSync('sha256', key, new Uint8Array(0), 'parley janus room secret', 32));
  return (roomKey) => createHmac('sha256', derived).update(roomKey).digest('base64url');
}

/**
 * The `pin` of a Janus room, derived from its secret: Janus asks every join
 * (publisher or subscriber) for it, so a client that reaches the Janus API
 * some other way still cannot join a room or subscribe to its streams. One
 * way: the pin does not reveal the secret.
 */
export function roomPin(secret: string): string {
  return createHmac('sha256', secret).update('parley janus room pin').digest('base64url');
}
