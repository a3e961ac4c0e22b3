import type { Logger } from '@nestjs/common';
import type { JoinResult, ParticipantId, RoomId, ValidRequest } from '@parley/protocol';
import { TokenBucket } from '../chat/token-bucket';
import { DomainError } from '../errors';
import type { JoinHooks, RoomsService, SessionRef } from '../rooms/rooms.service';
import type { TurnCredentials } from '../turn/turn-credentials';
import { connectionTransition, type ConnectionEffect, type ConnectionPhase, type ConnectionSignal } from './connection-state';
import type { ParleySocket } from './parley-socket';
import type { SocketPusher } from './socket-pusher';

/** Requests per second a socket may send, sustained, and in a burst (trickle ICE comes in bursts). */
const REQUESTS_PER_SECOND = 20;
const REQUEST_BURST = 60;

/** What a connection works with. */
export interface ConnectionDeps {
  readonly rooms: RoomsService;
  readonly pusher: SocketPusher;
  readonly turn: TurnCredentials;
  readonly logger: Logger;
}

/**
 * Everything one socket owns on the gateway: its session, its lobby knock,
 * its request bucket and its refresh timers, driven by the lifecycle table
 * of `connection-state.ts`. `close()` is idempotent and leaves nothing
 * behind: every participant this connection ever put in a room is either
 * its session (held for resumption, or gone) or has left.
 */
export class ClientConnection {
  private phase: ConnectionPhase = 'idle';
  private current: SessionRef | undefined;
  private knock: { readonly room: RoomId; readonly requestId: string } | undefined;
  /** Participants the rooms domain put in a room for this connection during the join under way. */
  private readonly registered = new Map<ParticipantId, RoomId>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly requests = new TokenBucket(REQUESTS_PER_SECOND, REQUEST_BURST);
  private closing: Promise<void> | undefined;

  constructor(
    private readonly socket: ParleySocket,
    private readonly deps: ConnectionDeps,
  ) {}

  get state(): ConnectionPhase {
    return this.phase;
  }

  /** Every request takes a token: a flooding client gets `rate_limited`, not the gateway's attention. */
  takeRequest(): boolean {
    return this.requests.take();
  }

  /** The joined session if there is one (for log lines); requests use {@link session}. */
  get joined(): SessionRef | undefined {
    return this.current;
  }

  /** The joined session every in-room request acts on; `session.not_joined` otherwise. */
  session(): SessionRef {
    if (this.phase !== 'in-room' || this.current === undefined) throw new DomainError('session.not_joined', 'Join a room first');
    return this.current;
  }

  /** `room.join`: one at a time (`room.busy` for a second one in flight). */
  async join(request: ValidRequest<'room.join'>): Promise<JoinResult> {
    await this.signal('join');
    let joined: Awaited<ReturnType<RoomsService['join']>>;
    try {
      joined = await this.deps.rooms.join(request, this.hooks(request.room));
    } catch (error) {
      await this.signal('failed');
      await this.dropRegistered();
      throw error;
    }
    this.registered.delete(joined.session.participantId);
    await this.dropRegistered();
    this.current = joined.session;
    await this.signal('joined');
    if (this.phase !== 'in-room') throw new DomainError('session.not_joined', 'Disconnected while joining');
    return joined.result;
  }

  /** `room.leave`: leaving on purpose; the connection may join again afterwards. */
  async leave(): Promise<void> {
    await this.signal('leave');
    await this.endSession('leave');
    await this.signal('left');
  }

  /**
   * The socket closed. On purpose (the client called disconnect) its
   * participant leaves at once; otherwise they are held for the resume
   * grace window. Idempotent.
   */
  close(onPurpose: boolean): Promise<void> {
    this.closing ??= this.signal('close', onPurpose);
    return this.closing;
  }

  /** Another connection resumed this one's participant: let go of it without holding or removing it. */
  replaced(): void {
    if (this.current !== undefined) this.deps.pusher.unregister(this.current.participantId, this.socket);
    this.current = undefined;
  }

  private hooks(room: RoomId): JoinHooks {
    const { pusher } = this.deps;
    return {
      address: this.socket.handshake.address,
      admitted: (participantId) => {
        this.registered.set(participantId, room);
        pusher.register(participantId, room, this.socket);
      },
      replaced: (participantId) => {
        const previous = pusher.socketOf(participantId);
        if (previous === undefined || previous === this.socket) return;
        previous.emit('session.ended', { reason: 'replaced' });
        pusher.disconnect(participantId);
      },
      knocked: (requestId) => {
        this.knock = { room, requestId };
        // Closed while the knock was being made: it has nobody to tell.
        if (this.phase === 'closed') void this.withdrawKnock();
      },
      lobbyDecision: (decision) => {
        this.knock = undefined;
        this.socket.emit('lobby.decision', decision);
      },
    };
  }

  /** Applies one edge of the lifecycle table and carries out its effects, in order. */
  private async signal(signal: ConnectionSignal, onPurpose = false): Promise<void> {
    const { next, effects } = connectionTransition(this.phase, signal);
    this.phase = next;
    for (const effect of effects) await this.run(effect, onPurpose);
  }

  private async run(effect: ConnectionEffect, onPurpose: boolean): Promise<void> {
    switch (effect) {
      case 'refuseBusy':
        throw new DomainError('room.busy', 'Still answering your previous request; wait for it');
      case 'refuseJoined':
        throw new DomainError('session.already_joined', 'You are already in a room');
      case 'refuseNotJoined':
        throw new DomainError('session.not_joined', 'Join a room first');
      case 'withdrawKnock':
        return this.withdrawKnock();
      case 'startTimers':
        return this.startTimers();
      case 'stopTimers':
        for (const timer of this.timers.splice(0)) clearInterval(timer);
        return;
      case 'release':
        return this.endSession(onPurpose ? 'leave' : 'suspend');
      case 'undoJoin':
        return this.endSession('leave', 'disconnected');
      default:
        return assertUnreachable(effect);
    }
  }

  private async withdrawKnock(): Promise<void> {
    const knock = this.knock;
    this.knock = undefined;
    if (knock !== undefined) await this.deps.rooms.withdrawKnock(knock.room, knock.requestId);
  }

  /** The session ends here: its participant is held for resumption, or leaves. */
  private async endSession(how: 'leave' | 'suspend', reason: 'left' | 'disconnected' = 'left'): Promise<void> {
    const session = this.current;
    this.current = undefined;
    if (session === undefined) return;
    this.deps.pusher.unregister(session.participantId, this.socket);
    const outcome = how === 'leave' ? this.deps.rooms.leave(session, reason) : this.deps.rooms.suspend(session);
    await outcome.catch((error: unknown) => this.deps.logger.error(`Ending the session of ${session.participantId}: ${String(error)}`));
  }

  /** A join that failed may have put someone in a room already: they leave, so no ghost stays behind. */
  private async dropRegistered(): Promise<void> {
    const strays = [...this.registered];
    this.registered.clear();
    for (const [participantId, room] of strays) {
      this.deps.pusher.unregister(participantId, this.socket);
      await this.deps.rooms
        .leave({ room, participantId }, 'disconnected')
        .catch((error: unknown) => this.deps.logger.error(`Undoing the join of ${participantId}: ${String(error)}`));
    }
  }

  /** Sends a fresh session token every third of its lifetime, and with TURN fresh credentials every third of theirs. */
  private startTimers(): void {
    const { rooms, turn, logger } = this.deps;
    const every = (ms: number, tick: (session: SessionRef) => void) => {
      const timer = setInterval(() => {
        if (this.current !== undefined) tick(this.current);
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every((rooms.tokenTtlSeconds * 1000) / 3, (session) => {
      rooms
        .issueToken(session)
        .then((token) => this.socket.emit('session.token', { token }))
        .catch((error: unknown) => logger.warn(`Token refresh for ${session.participantId}: ${String(error)}`));
    });
    const seconds = turn.refreshSeconds;
    if (seconds !== null) {
      every(seconds * 1000, (session) => this.socket.emit('session.ice_servers', { iceServers: turn.iceServersFor(session.participantId) }));
    }
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`Unexpected connection effect ${String(value)}`);
}
