import argon2 from 'argon2';

/**
 * Room passwords: argon2id with the library's defaults (64 MiB, 3 passes,
 * parallelism 4), stored as the PHC string. Never logged, never sent out.
 * Guessing is paced per room and client address by `PasswordAttempts`
 * before any hash is checked, not by a process-wide cap (which one client
 * could fill, locking everyone else out).
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** True when `password` matches; a malformed hash counts as no match. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch (error) {
    // A hash that does not parse matches nothing; the join is refused as a wrong password.
    if (error instanceof Error) return false;
    throw error;
  }
}
