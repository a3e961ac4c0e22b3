import { errors, jwtVerify, SignJWT } from 'jose';
import type { ParticipantId, Role, RoomId } from '@parley/protocol';
import { DomainError } from '../errors';

/** What a session token binds. */
export interface SessionClaims {
  readonly participantId: ParticipantId;
  readonly room: RoomId;
  /** The meeting it was issued in: no later meeting of the room takes it. */
  readonly meeting: string;
  readonly role: Role;
}

const ISSUER = 'parley';
const ALGORITHM = 'HS256';
/** Lobby admissions are used at once; a short life keeps a leaked one useless. */
export const ADMIT_TTL_SECONDS = 120;

/** What an admit token binds: the host let `requestId` into `room` under the name it knocked with. */
export interface AdmitClaims {
  readonly room: RoomId;
  /** The meeting whose host admitted them: it opens no later meeting's doors. */
  readonly meeting: string;
  readonly requestId: string;
  /** The name the host saw on the knock: the only name the token admits. */
  readonly name: string;
}

/**
 * Issues and verifies signed session tokens (JWT, HS256). A token lets a
 * reconnecting client resume the same identity in the same room.
 */
export class SessionTokens {
  constructor(
    private readonly key: Uint8Array,
    private readonly ttl: number,
  ) {}

  /** The lifetime of a session token, in seconds. */
  get ttlSeconds(): number {
    return this.ttl;
  }

  async issue(claims: SessionClaims): Promise<string> {
    return new SignJWT({ typ: 'session', room: claims.room, mtg: claims.meeting, role: claims.role })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(claims.participantId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttl}s`)
      .sign(this.key);
  }

  /** A short-lived token that lets a lobby knocker join once the host admitted them. */
  async issueAdmit(claims: AdmitClaims): Promise<string> {
    return new SignJWT({ typ: 'admit', room: claims.room, mtg: claims.meeting, name: claims.name })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(claims.requestId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${ADMIT_TTL_SECONDS}s`)
      .sign(this.key);
  }

  /** Verifies an admit token for `room`; rejects with `auth.invalid_token` otherwise. */
  async verifyAdmit(token: string, room: RoomId): Promise<AdmitClaims> {
    const payload = await this.verifyJwt(token, room, 'admit');
    if (typeof payload.name !== 'string') throw new DomainError('auth.invalid_token', 'The admit token is malformed');
    return { room, meeting: payload.meeting, requestId: payload.sub, name: payload.name };
  }

  /** Verifies a session token for `room`; rejects with `auth.invalid_token` otherwise. */
  async verify(token: string, room: RoomId): Promise<SessionClaims> {
    const payload = await this.verifyJwt(token, room, 'session');
    if (payload.role !== 'host' && payload.role !== 'guest') {
      throw new DomainError('auth.invalid_token', 'The session token is malformed');
    }
    return { participantId: payload.sub as ParticipantId, room, meeting: payload.meeting, role: payload.role };
  }

  private async verifyJwt(token: string, room: RoomId, typ: 'session' | 'admit'): Promise<{ sub: string; meeting: string; role?: unknown; name?: unknown }> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: [ALGORITHM] });
      if (payload['typ'] !== typ) throw new DomainError('auth.invalid_token', `That is not a ${typ} token`);
      if (payload['room'] !== room) throw new DomainError('auth.invalid_token', 'The token is for another room');
      const meeting = payload['mtg'];
      if (typeof payload.sub !== 'string' || typeof meeting !== 'string') throw new DomainError('auth.invalid_token', 'The token is malformed');
      return { sub: payload.sub, meeting, role: payload['role'], name: payload['name'] };
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (error instanceof errors.JWTExpired) throw new DomainError('auth.invalid_token', 'The token has expired');
      if (error instanceof errors.JOSEError) throw new DomainError('auth.invalid_token', 'The token is not valid');
      throw error;
    }
  }
}
