// Seeded generation of random and malformed request payloads for the fuzz
// test: valid templates for every protocol request, mutations of them, and
// arbitrary values. A seed replays the exact same sequence.
import { newRoomId } from '@parley/protocol';

/** mulberry32: a tiny, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Names that are not protocol events: look-alikes, prototype keys, EventEmitter
 * specials the server side might trip on, and junk. (Socket.IO's client refuses
 * to emit its own reserved names, so those cannot reach the server anyway.)
 */
export const UNKNOWN_EVENTS = [
  'room.destroy',
  'admin.shutdown',
  'ROOM.JOIN',
  'room.join ',
  'room',
  '',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'error',
  'message',
  'ping',
  'media.offer',
  'participant.joined',
  'session.token',
  '../../etc/passwd',
  '%s%n%x',
  'x'.repeat(300),
];

const STRANGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u001b[31mred',
  '\uD800',
  '\uFEFF',
  '👩‍👩‍👧‍👦',
  'ﷺ'.repeat(20),
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '%s%n%x',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  'a\nb\rc\td',
];

const STRANGE_NUMBERS = [0, -0, 1, -1, 0.5, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324, NaN, Infinity, -Infinity];

/** Sets an own property, even `__proto__` (plain assignment would change the prototype instead). */
function put(object, key, value) {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const STRANGE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'then', 'length', '', ' ', 'room', 'ok', 'error'];

/**
 * A generator of request payloads over `random` (a prng()). `rooms` are the
 * fuzz rooms valid joins go to; `participantIds` are real ids in them (for
 * host actions that then reach the domain code, never `host.remove`, which
 * would legitimately cut a fuzz socket off mid-run).
 */
export function payloadGenerator(random, { rooms, participantIds }) {
  const int = (max) => Math.floor(random() * max);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => random() < p;

  function randomString(maxLength = 64) {
    if (chance(0.3)) return pick(STRANGE_STRINGS);
    const length = chance(0.05) ? 1000 + int(9000) : int(maxLength);
    let text = '';
    for (let i = 0; i < length; i++) {
      const roll = random();
      if (roll < 0.7) text += String.fromCharCode(32 + int(95));
      else if (roll < 0.8) text += String.fromCharCode(int(32));
      else text += String.fromCodePoint(0x80 + int(0x2ff80));
    }
    return text;
  }

  function randomValue(depth = 0) {
    const roll = random();
    if (roll < 0.06) return undefined;
    if (roll < 0.12) return null;
    if (roll < 0.2) return chance(0.5);
    if (roll < 0.35) return chance(0.5) ? pick(STRANGE_NUMBERS) : (random() - 0.5) * 10 ** int(12);
    if (roll < 0.6) return randomString();
    if (roll < 0.63) return Buffer.from(randomString(32));
    if (depth >= 3) return null;
    if (roll < 0.78) return Array.from({ length: int(5) }, () => randomValue(depth + 1));
    const object = {};
    for (let i = int(5); i > 0; i--) put(object, chance(0.3) ? pick(STRANGE_KEYS) : randomString(12), randomValue(depth + 1));
    return object;
  }

  const validName = () => pick(['Ada', 'Bob', 'Grace Hopper', 'Zoë', '李雷', 'O’Brien', 'x'.repeat(64)]);
  const validRoom = () => (chance(0.8) ? pick(rooms) : newRoomId());
  const sdp = (type) => ({ type, sdp: chance(0.5) ? 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' : randomString(200) || 'x' });
  const someone = () => (chance(0.5) && participantIds.length > 0 ? pick(participantIds) : randomString(40) || 'nobody');

  /** A payload that passes the event's schema (its outcome is then up to the domain). */
  const TEMPLATES = {
    'room.join': () => ({
      room: validRoom(),
      name: validName(),
      ...(chance(0.2) ? { password: randomString(20) } : {}),
      ...(chance(0.15) ? { resumeToken: randomString(200) || 't' } : {}),
      ...(chance(0.1) ? { admitToken: randomString(200) || 't' } : {}),
    }),
    'room.leave': () => ({}),
    'media.publish': () => ({ offer: sdp('offer'), tracks: [{ mid: String(int(4)), source: pick(['microphone', 'camera', 'screen']) }] }),
    'media.unpublish': () => ({}),
    'media.answer': () => ({ seq: 1 + int(5), answer: sdp('answer') }),
    'media.trickle': () => ({
      pc: pick(['publisher', 'subscriber']),
      candidate: chance(0.3) ? null : { candidate: randomString(100), sdpMid: String(int(3)), sdpMLineIndex: int(3) },
    }),
    'participant.update': () => ({ audioMuted: chance(0.5), ...(chance(0.5) ? { handRaised: chance(0.5) } : {}) }),
    'media.view': () => ({
      views: Array.from({ length: int(4) }, () => ({ mid: String(1 + int(9)), visible: chance(0.5), width: int(2000), height: int(2000) })),
    }),
    'chat.send': () => ({ clientId: `fuzz-${int(1e9)}`, text: chance(0.2) ? '' : randomString(300) }),
    'chat.history': () => (chance(0.5) ? {} : { before: 1 + int(100), limit: 1 + int(50) }),
    'host.settings': () => (chance(0.5) ? { locked: chance(0.3) } : chance(0.5) ? { lobby: chance(0.3) } : { password: chance(0.5) ? null : 'pw' }),
    'host.mute': () => ({ participantId: someone() }),
    'host.remove': () => ({ participantId: randomString(40) || 'nobody' }),
    'host.promote': () => ({ participantId: someone() }),
    'host.admit': () => ({ requestId: randomString(64) || 'r', admit: chance(0.5) }),
  };

  /** Breaks a valid payload in one of many ways. */
  function mutate(valid) {
    const keys = Object.keys(valid);
    const roll = random();
    const copy = { ...valid };
    if (roll < 0.15 && keys.length > 0) {
      delete copy[pick(keys)];
      return copy;
    }
    if (roll < 0.4 && keys.length > 0) {
      copy[pick(keys)] = randomValue();
      return copy;
    }
    if (roll < 0.55) {
      return put(copy, chance(0.4) ? pick(STRANGE_KEYS) : randomString(10) || 'extra', randomValue());
    }
    if (roll < 0.65) return [valid];
    if (roll < 0.7) return JSON.stringify(valid);
    if (roll < 0.75) return { payload: valid };
    // Deep: break something nested (an SDP's type, a track's source, a view's size).
    const nested = keys.find((k) => typeof valid[k] === 'object' && valid[k] !== null);
    if (nested === undefined) return randomValue();
    const inner = Array.isArray(valid[nested])
      ? [...valid[nested], randomValue()]
      : put({ ...valid[nested] }, pick(Object.keys(valid[nested]).concat('type')), randomValue());
    return { ...valid, [nested]: inner };
  }

  /** The next payload for `event`: valid, mutated, or arbitrary. */
  return function next(event) {
    // Own keys only: 'constructor' and 'toString' are among the unknown names tried.
    const template = Object.hasOwn(TEMPLATES, event) ? TEMPLATES[event] : undefined;
    const roll = random();
    if (template && roll < 0.25) return template();
    if (template && roll < 0.7) return mutate(template());
    return randomValue();
  };
}
