import type { ParticipantId, RoomId, ValidRequest } from '@parley/protocol';
import type { PasswordAttempts } from '../auth/password-attempts';
import { verifyPassword } from '../auth/passwords';
import { ADMIT_TTL_SECONDS, type SessionTokens } from '../auth/session-tokens';
import { DomainError } from '../errors';
import type { Store } from '../store/store';
import type { Knock, Lobby } from './lobby';
import type { Pusher } from './pusher';

/** How the realtime layer follows a lobby request. */
export interface LobbyHooks {
  /** The join waits in the lobby as `requestId` (to withdraw it on disconnect or the next join). */
  readonly knocked?: (requestId: string) => void;
  /** The host's decision on a lobby request (or its lapse: not admitted). */
  readonly lobbyDecision?: (decision: { admitted: boolean; admitToken?: string }) => void;
}

/**
 * What the doors of a room look at: a live room, or the state a room not
 * live yet would open with. Checking this shape rather than a `Room` is what
 * lets the doors run before anything exists in the SFU.
 */
export interface Door {
  readonly id: RoomId;
  /** The meeting going on behind it (null: none); its password and admissions open only its doors. */
  readonly meetingId: string | null;
  readonly locked: boolean;
  readonly lobby: boolean;
  readonly hosts: readonly { readonly id: ParticipantId }[];
}

/**
 * The door of a room that is live nowhere: unlocked, no lobby, nobody to
 * answer a knock; `meetingId` is the meeting still going on there (a
 * gateway restarted under it), or null.
 */
export function closedRoomDoor(id: RoomId, meetingId: string | null): Door {
  return { id, meetingId, locked: false, lobby: false, hosts: [] };
}

/**
 * The doors of a room for newcomers, in order: an admit token from a host
 * opens all of them; otherwise a locked room refuses, a password room wants
 * the right password (guesses paced per room and address), and a room with
 * a lobby (and a host to answer) makes the newcomer knock: hosts get
 * `lobby.knocking`, the join fails with `lobby.waiting`, and the decision
 * arrives through `hooks.lobbyDecision`.
 */
export class RoomAccess {
  constructor(
    private readonly store: Store,
    private readonly tokens: SessionTokens,
    private readonly pusher: Pusher,
    readonly lobby: Lobby,
    private readonly passwords: PasswordAttempts,
    /**
     * Marks an admission used (true the first time), on every gateway when
     * there are several. An admit token opens every door, so it lets one
     * person in once: otherwise whoever holds it (someone removed since, or
     * anyone it leaked to) could walk back past lock, password and lobby
     * until it expires.
     */
    private readonly spendAdmission: (requestId: string, ttlMs: number) => Promise<boolean>,
  ) {}

  /** Lets a newcomer through every door or throws the coded refusal; returns the name they enter under. */
  async check(door: Door, request: ValidRequest<'room.join'>, address: string, hooks: LobbyHooks): Promise<string> {
    if (request.admitToken !== undefined) {
      const { requestId, name, meeting } = await this.tokens.verifyAdmit(request.admitToken, door.id);
      if (meeting !== door.meetingId) throw new DomainError('auth.meeting_ended', 'The meeting you were admitted to has ended; join again');
      if (!(await this.spendAdmission(`admission:${requestId}`, ADMIT_TTL_SECONDS * 1000))) {
        throw new DomainError('auth.invalid_token', 'That admission was already used; knock again');
      }
      return name;
    }
    if (door.locked) throw new DomainError('room.locked', 'This meeting is locked by its host');
    // A password belongs to its meeting: one left by an ended (or stale) meeting asks nothing.
    const record = await this.store.getRoom(door.id);
    const passwordHash = door.meetingId !== null && record?.meeting?.id === door.meetingId ? record.passwordHash : null;
    if (passwordHash !== null) {
      const password = request.password;
      if (password === undefined) throw new DomainError('auth.password_required', 'This meeting needs a password');
      const right = await this.passwords.attempt(door.id, address, () => verifyPassword(passwordHash, password));
      if (!right) throw new DomainError('auth.bad_password', 'That password is wrong');
    }
    if (door.lobby && door.hosts.length > 0) {
      const knock = this.lobby.add(door.id, request.name, hooks.lobbyDecision ?? (() => undefined));
      hooks.knocked?.(knock.requestId);
      for (const host of door.hosts) this.pusher.push(host.id, 'lobby.knocking', { requestId: knock.requestId, name: knock.name });
      throw new DomainError('lobby.waiting', 'Waiting for the host to let you in');
    }
    return request.name;
  }

  /**
   * Delivers a host's answer to a lobby request waiting on this gateway and
   * tells the hosts it is resolved; false when no such request waits here.
   */
  async decide(door: Door, requestId: string, admit: boolean): Promise<boolean> {
    const knock = this.lobby.take(door.id, requestId);
    if (knock === undefined) return false;
    if (admit) {
      const admitToken = await this.tokens.issueAdmit({ room: door.id, meeting: door.meetingId ?? '', requestId, name: knock.name });
      knock.deliver({ admitted: true, admitToken });
    }
    else knock.deliver({ admitted: false });
    this.resolved(door, requestId);
    return true;
  }

  /** A knocker went away or knocked again before a decision: the hosts stop seeing the request. */
  withdraw(door: Door | undefined, roomId: RoomId, requestId: string): void {
    if (this.lobby.take(roomId, requestId) === undefined || door === undefined) return;
    this.resolved(door, requestId);
  }

  /** A knock lapsed unanswered: the knocker hears no, the hosts stop seeing it. */
  lapsed(door: Door | undefined, knock: Knock): void {
    knock.deliver({ admitted: false });
    if (door !== undefined) this.resolved(door, knock.requestId);
  }

  private resolved(door: Door, requestId: string): void {
    for (const host of door.hosts) this.pusher.push(host.id, 'lobby.resolved', { requestId });
  }
}
