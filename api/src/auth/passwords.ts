import argon2 from 'argon2';
import { DomainError } from '../errors';

/**
 * How much password work (argon2id: 64 MiB and a good fraction of a second of
 * CPU each) may run or wait at once: in the whole process, and per stored
 * hash, that is per room. Past either limit an attempt is refused at once
 * with `rate_limited` instead of queuing. Without it, guesses from many
 * sockets (each socket may make 5 at once) queue in libuv's four-thread pool:
 * 120 guesses held a correct join back for over two minutes on a loaded
 * two-core machine, and every other user of that pool waited too.
 */
export const PASSWORD_WORK_LIMIT = 8;
export const PASSWORD_WORK_PER_ROOM = 3;

let running = 0;
const runningPerHash = new Map<string, number>();

async function gated<T>(hash: string | null, work: () => Promise<T>): Promise<T> {
  const forHash = hash === null ? 0 : (runningPerHash.get(hash) ?? 0);
  if (running >= PASSWORD_WORK_LIMIT || forHash >= PASSWORD_WORK_PER_ROOM) {
    throw new DomainError('rate_limited', 'Too many password attempts right now; wait a moment and try again');
  }
  running += 1;
  if (hash !== null) runningPerHash.set(hash, forHash + 1);
  try {
    return await work();
  } finally {
    running -= 1;
    if (hash !== null) {
      const left = (runningPerHash.get(hash) ?? 1) - 1;
      if (left > 0) runningPerHash.set(hash, left);
      else runningPerHash.delete(hash);
    }
  }
}

/**
 * Room passwords: argon2id with the library's defaults (64 MiB, 3 passes,
 * parallelism 4), stored as the PHC string. Never logged, never sent out.
 * Rejects with `rate_limited` while too much password work is under way.
 */
export function hashPassword(password: string): Promise<string> {
  return gated(null, () => argon2.hash(password, { type: argon2.argon2id }));
}

/**
 * True when `password` matches; a malformed hash counts as no match.
 * Rejects with `rate_limited` while too much password work is under way.
 */
export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return gated(hash, async () => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // A hash that does not parse matches nothing; the join is refused as a wrong password.
      return false;
    }
  });
}
