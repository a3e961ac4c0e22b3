import type { RoomId, ValidRequest } from '@parley/protocol';
import { verifyPassword } from '../auth/passwords';
import { ADMIT_TTL_SECONDS, type SessionTokens } from '../auth/session-tokens';
import { DomainError } from '../errors';
import type { Store } from '../store/store';
import type { Lobby } from './lobby';
import type { Pusher } from './pusher';
import type { Room } from './room';

/** How the realtime layer follows a lobby request. */
export interface LobbyHooks {
  /** The join waits in the lobby as `requestId` (to withdraw it on disconnect). */
  readonly knocked?: (requestId: string) => void;
  /** The host's decision on a lobby request. */
  readonly lobbyDecision?: (decision: { admitted: boolean; admitToken?: string }) => void;
}

/**
 * The doors of a room for newcomers, in order: an admit token from a host
 * opens all of them; otherwise a locked room refuses, a password room wants
 * the right password, and a room with a lobby (and a host to answer) makes
 * the newcomer knock: hosts get `lobby.knocking`, the join fails with
 * `lobby.waiting`, and the decision arrives through `hooks.lobbyDecision`.
 */
export class RoomAccess {
  constructor(
    private readonly store: Store,
    private readonly tokens: SessionTokens,
    private readonly pusher: Pusher,
    readonly lobby: Lobby,
    /**
     * Marks an admission used (true the first time), on every gateway when
     * there are several. An admit token opens every door, so it lets one
     * person in once: otherwise whoever holds it (someone removed since, or
     * anyone it leaked to) could walk back past lock, password and lobby
     * until it expires.
     */
    private readonly spendAdmission: (requestId: string, ttlMs: number) => Promise<boolean>,
  ) {}

  async check(room: Room, request: ValidRequest<'room.join'>, hooks: LobbyHooks): Promise<void> {
    if (request.admitToken !== undefined) {
      const { requestId } = await this.tokens.verifyAdmit(request.admitToken, room.id);
      if (!(await this.spendAdmission(`admission:${requestId}`, ADMIT_TTL_SECONDS * 1000))) {
        throw new DomainError('auth.invalid_token', 'That admission was already used; knock again');
      }
      return;
    }
    if (room.locked) throw new DomainError('room.locked', 'This meeting is locked by its host');
    const passwordHash = (await this.store.getRoom(room.id))?.passwordHash ?? null;
    if (passwordHash !== null) {
      if (request.password === undefined) throw new DomainError('auth.password_required', 'This meeting needs a password');
      if (!(await verifyPassword(passwordHash, request.password))) throw new DomainError('auth.bad_password', 'That password is wrong');
    }
    if (room.lobby && room.hosts.length > 0) {
      const knock = this.lobby.add(room.id, request.name, hooks.lobbyDecision ?? (() => undefined));
      hooks.knocked?.(knock.requestId);
      for (const host of room.hosts) this.pusher.push(host.id, 'lobby.knocking', { requestId: knock.requestId, name: knock.name });
      throw new DomainError('lobby.waiting', 'Waiting for the host to let you in');
    }
  }

  /**
   * Delivers a host's answer to a lobby request waiting on this gateway and
   * tells the hosts it is resolved; false when no such request waits here.
   */
  async decide(room: Room, requestId: string, admit: boolean): Promise<boolean> {
    const knock = this.lobby.take(room.id, requestId);
    if (knock === undefined) return false;
    if (admit) knock.deliver({ admitted: true, admitToken: await this.tokens.issueAdmit({ room: room.id, requestId }) });
    else knock.deliver({ admitted: false });
    for (const host of room.hosts) this.pusher.push(host.id, 'lobby.resolved', { requestId });
    return true;
  }

  /** A knocker went away before a decision: the hosts stop seeing the request. */
  withdraw(room: Room | undefined, roomId: RoomId, requestId: string): void {
    if (this.lobby.take(roomId, requestId) === undefined || room === undefined) return;
    for (const host of room.hosts) this.pusher.push(host.id, 'lobby.resolved', { requestId });
  }
}
