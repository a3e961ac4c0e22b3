import { errors, jwtVerify, SignJWT } from 'jose';
import type { ParticipantId, Role, RoomId } from '@parley/protocol';
import { DomainError } from '../errors';

/** What a session token binds. */
export interface SessionClaims {
  readonly participantId: ParticipantId;
  readonly room: RoomId;
  readonly role: Role;
}

const ISSUER = 'parley';
const ALGORITHM = 'HS256';

/**
 * Issues and verifies signed session tokens (JWT, HS256). A token lets a
 * reconnecting client resume the same identity in the same room.
 */
export class SessionTokens {
  constructor(
    private readonly key: Uint8Array,
    private readonly ttlSeconds: number,
  ) {}

  async issue(claims: SessionClaims): Promise<string> {
    return new SignJWT({ room: claims.room, role: claims.role })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(claims.participantId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** Verifies a token for `room`; rejects with `auth.invalid_token` otherwise. */
  async verify(token: string, room: RoomId): Promise<SessionClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: [ALGORITHM] });
      if (payload.room !== room) throw new DomainError('auth.invalid_token', 'The session token is for another room');
      if (typeof payload.sub !== 'string' || (payload.role !== 'host' && payload.role !== 'guest')) {
        throw new DomainError('auth.invalid_token', 'The session token is malformed');
      }
      return { participantId: payload.sub as ParticipantId, room, role: payload.role };
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (error instanceof errors.JWTExpired) throw new DomainError('auth.invalid_token', 'The session token has expired');
      if (error instanceof errors.JOSEError) throw new DomainError('auth.invalid_token', 'The session token is not valid');
      throw error;
    }
  }
}
