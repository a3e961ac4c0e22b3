import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import {
  type IceCandidate,
  type JoinResult,
  type LeaveReason,
  type ParticipantId,
  type ParticipantInfo,
  type PeerConnectionKind,
  type PublishedTrack,
  type PushName,
  type RidOrder,
  type RoomId,
  type Sdp,
  type ServerToClientEvents,
  type ValidRequest,
} from '@parley/protocol';
import { SessionTokens } from '../auth/session-tokens';
import type { Config } from '../config/config';
import { CONFIG } from '../config/config.token';
import { DomainError } from '../errors';
import { STORE, type Store } from '../store/store';
import { ROOM_CLUSTER, SoloCluster, type ForwardedHostAction, type RoomCluster } from './cluster';
import { ClusterMirror } from './cluster-mirror';
import { JoinResults } from './join-result';
import { mirrorHooks } from './mirror-hooks';
import { Participant } from './participant';
import { PUSHER, type Pusher } from './pusher';
import { Room } from './room';
import type { RoomEvent } from './room-events';
import { RoomMedia } from './room-media';
import { rebuildRoom } from './room-rebuild';
import type { Sfu } from './sfu';
import { SFU } from './sfu.token';
import { TurnCredentials } from '../turn/turn-credentials';
import { Lobby } from './lobby';
import { RoomAccess, type LobbyHooks } from './room-access';
import { RoomRegistry } from './room-registry';

/** What the realtime layer hears about a join besides its result. */
export interface JoinHooks extends LobbyHooks {
  /** A resumed identity was still connected elsewhere: drop that socket. */
  readonly replaced?: (participantId: ParticipantId) => void;
  /** The participant is in the room from now on (before the join result is built): route their pushes. */
  readonly admitted?: (participantId: ParticipantId) => void;
}

/** Where a joined socket stands: the key to every later request. */
export interface SessionRef {
  readonly room: RoomId;
  readonly participantId: ParticipantId;
}

/** Carries out a host action forwarded from another gateway on one of this gateway's participants. */
export type ForwardedHostHandler = (room: Room, action: ForwardedHostAction, target: Participant, byName: string) => Promise<void>;

/**
 * The rooms domain: who is in which room, what they publish, and keeping
 * every subscriber in step. Talks to the SFU through the `Sfu` port, to
 * clients through the `Pusher` port and, when several gateways serve one
 * room, to the others through the `RoomCluster` port (see ClusterMirror).
 */
@Injectable()
export class RoomsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RoomsService.name);
  private readonly registry = new RoomRegistry(
    (id) => this.createRoom(id),
    (id, error) => this.logger.warn(`Closing room ${id}: ${String(error)}`),
    (room) => this.mirror.forgetRoom(room),
  );
  /** Participants held for resumption after their connection dropped. */
  private readonly graceTimers = new Map<ParticipantId, NodeJS.Timeout>();
  private readonly eventsSubject = new Subject<RoomEvent>();
  private readonly stopWatchingSfu: Array<() => void> = [];
  /** Newcomers waiting for a host, across rooms. */
  readonly lobby = new Lobby();
  readonly access: RoomAccess;
  readonly media: RoomMedia;
  private readonly results: JoinResults;
  /** This gateway's view of the other gateways serving its rooms (inert when it runs alone). */
  readonly mirror: ClusterMirror;
  private forwardedHost: ForwardedHostHandler | undefined;
  /** Joins and leaves of this gateway's participants, as they happen. */
  readonly events = this.eventsSubject.asObservable();

  constructor(
    @Inject(SFU) private readonly sfu: Sfu,
    @Inject(STORE) private readonly store: Store,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(PUSHER) private readonly pusher: Pusher,
    private readonly tokens: SessionTokens,
    /** Absent only where a spec builds the rooms domain by hand without TURN; the app always provides it. */
    @Optional() turn?: TurnCredentials,
    /** Absent for one gateway on its own (and in specs that build the domain by hand). */
    @Optional() @Inject(ROOM_CLUSTER) cluster?: RoomCluster,
  ) {
    const shared = cluster ?? new SoloCluster();
    this.access = new RoomAccess(store, tokens, pusher, this.lobby, (key, ttlMs) => shared.spendOnce(key, ttlMs));
    this.media = new RoomMedia(config, pusher, this.logger);
    this.results = new JoinResults(tokens, store, config, turn);
    const hooks = mirrorHooks({
      registry: this.registry,
      media: this.media,
      pusher,
      lobby: this.lobby,
      access: this.access,
      clearGraceTimer: (id) => this.clearGraceTimer(id),
      afterDeparture: (room, departed) => this.afterDeparture(room, departed),
      forwardedHost: () => this.forwardedHost,
      dropped: async (room, participant) => {
        if (!(await this.mirror.claim(`dropped:${room.id}:${participant.id}`))) return;
        this.eventsSubject.next({ type: 'dropped', room: room.id, participantId: participant.id, name: participant.name });
      },
    });
    this.mirror = new ClusterMirror(shared, hooks, () => this.registry.live());
  }

  onModuleInit(): void {
    this.stopWatchingSfu.push(
      this.sfu.onConnectionChange((up) => {
        if (up) {
          this.rebuildAfterSfuRestart().catch((error: unknown) => this.logger.error(`Rebuilding rooms: ${String(error)}`));
        } else {
          this.logger.warn('The SFU is down: media stops until it is back; rooms and chat carry on');
        }
      }),
      this.sfu.onRoomLost((id) => {
        this.rebuildAfterSfuRestart([id as RoomId]).catch((error: unknown) => this.logger.error(`Rebuilding room ${id}: ${String(error)}`));
      }),
    );
    this.mirror.start();
  }

  /** HostService carries out host actions forwarded from other gateways. */
  onForwardedHostAction(handler: ForwardedHostHandler): void {
    this.forwardedHost = handler;
  }

  /**
   * The SFU came back after a loss (or, with `only`, those rooms lost their
   * SFU server while others stayed up): recreate each live room in it, give
   * every participant of this gateway fresh handles, and ask their clients
   * to publish again (`media.restart`); subscriptions follow as they do.
   */
  async rebuildAfterSfuRestart(only?: readonly RoomId[]): Promise<void> {
    const rooms = (await this.registry.live()).filter((room) => only === undefined || only.includes(room.id));
    const deps = { sfu: this.sfu, media: this.media, mirror: this.mirror, pusher: this.pusher, logger: this.logger };
    for (const room of rooms) await rebuildRoom(deps, room, this.config.roomMaxParticipants);
  }

  /** A fresh session token for a joined session (sent before the current one expires). */
  async issueToken(session: SessionRef): Promise<string> {
    const { room, participant } = await this.member(session);
    return this.tokens.issue({ participantId: participant.id, room: room.id, role: participant.role });
  }

  /** Session token lifetime, for scheduling refreshes. */
  get tokenTtlSeconds(): number {
    return this.tokens.ttlSeconds;
  }

  /** Number of live rooms (for metrics and tests). */
  get roomCount(): number {
    return this.registry.size;
  }

  /**
   * Joins a room, creating it on first use. With a valid `resumeToken` for
   * someone still in the room (inside the grace window, or not yet noticed
   * gone) it resumes that participant instead: same id and state, fresh
   * media, no leave/join for the others; `hooks.replaced` is told so the
   * old socket can be dropped. Someone held by another gateway is taken
   * over here. Newcomers pass the room's lock, password and lobby (see
   * {@link RoomAccess.check}).
   */
  async join(request: ValidRequest<'room.join'>, hooks: JoinHooks = {}): Promise<{ session: SessionRef; result: JoinResult }> {
    const resumed = request.resumeToken === undefined ? undefined : await this.tokens.verify(request.resumeToken, request.room);
    if (resumed !== undefined && (await this.store.isRevoked(resumed.participantId, Date.now()))) {
      throw new DomainError('auth.invalid_token', 'You were removed from this meeting');
    }
    const room = await this.registry.get(request.room);
    const existing = resumed === undefined ? undefined : room.get(resumed.participantId);
    if (existing !== undefined && existing.home === null) {
      hooks.replaced?.(existing.id);
      hooks.admitted?.(existing.id);
      return this.resume(room, existing);
    }
    // Someone who was in (their token is valid) comes back past lock, password and lobby.
    if (resumed === undefined) await this.access.check(room, request, hooks);
    // Someone resuming here who is held by another gateway takes their own place.
    const seats = existing === undefined ? room.size : room.size - 1;
    if (seats >= this.config.roomMaxParticipants) {
      throw new DomainError('room.full', `This room is full (${this.config.roomMaxParticipants} participants)`);
    }
    const participantId = resumed?.participantId ?? (randomUUID() as ParticipantId);
    const role = existing?.role ?? resumed?.role ?? (room.size === 0 ? 'host' : 'guest');
    const { publisher, subscription } = await this.media.create(room, participantId, request.name);
    const participant = new Participant(participantId, request.name, role, existing?.joinedAt ?? Date.now(), publisher, subscription);
    // The room may have filled while the publisher joined the SFU.
    if (existing === undefined && room.size >= this.config.roomMaxParticipants) {
      await participant.close();
      throw new DomainError('room.full', `This room is full (${this.config.roomMaxParticipants} participants)`);
    }
    const others = room.participants.filter((p) => p.id !== participantId);
    room.add(participant);
    // From here pushes to them must reach their socket: a chat line stored
    // before the join page is read would otherwise reach them by neither route.
    hooks.admitted?.(participantId);
    this.registry.cancelClose(room.id);
    await this.store.touchRoom(room.id, Date.now());
    await this.mirror.announce(room, participant);
    if (existing !== undefined) {
      // Taken over from another gateway: the others knew them already; their old feed goes.
      this.media.syncOthers(room, participant);
      this.media.broadcastExcept(room, participantId, 'participant.updated', participant.info());
      return this.results.build(room, participant);
    }
    for (const other of others) this.pusher.push(other.id, 'participant.joined', participant.info());
    this.eventsSubject.next({ type: 'joined', room: room.id, participantId, name: participant.name });
    return this.results.build(room, participant);
  }

  /** A knocker went away before a decision: the hosts stop seeing the request. */
  async withdrawKnock(roomId: RoomId, requestId: string): Promise<void> {
    this.access.withdraw(await this.registry.existing(roomId), roomId, requestId);
  }

  /**
   * Holds a participant whose connection dropped for the grace window: the
   * others see them as reconnecting; if they do not resume in time, they leave.
   */
  async suspend(session: SessionRef): Promise<void> {
    const { room, participant } = await this.member(session);
    participant.connected = false;
    this.media.broadcastExcept(room, participant.id, 'participant.updated', participant.info());
    await this.mirror.announce(room, participant);
    this.clearGraceTimer(participant.id);
    const timer = setTimeout(() => {
      this.graceTimers.delete(participant.id);
      this.leave(session, 'disconnected').catch((error: unknown) => this.logger.error(`Leave after grace: ${String(error)}`));
    }, this.config.resumeGraceSeconds * 1000);
    timer.unref();
    this.graceTimers.set(participant.id, timer);
  }

  /** Removes one of this gateway's participants, tells everyone, and frees its SFU handles. Idempotent. */
  async leave(session: SessionRef, reason: LeaveReason): Promise<void> {
    this.clearGraceTimer(session.participantId);
    const room = await this.registry.existing(session.room);
    // Someone held by another gateway (or no longer here) is not ours to remove.
    if (room === undefined || room.get(session.participantId)?.home !== null) return;
    const wasActive = room.speakers.activeSpeaker === session.participantId || room.speakers.speaking.includes(session.participantId);
    const participant = room.remove(session.participantId);
    if (participant === undefined) return;
    if (wasActive) this.media.broadcast(room, 'speaker.changed', room.speakers);
    this.eventsSubject.next({ type: 'left', room: room.id, participantId: participant.id, name: participant.name });
    for (const other of room.participants) this.pusher.push(other.id, 'participant.left', { participantId: participant.id, reason });
    await this.mirror.announceLeft(room, participant.id);
    await this.afterDeparture(room, participant);
    await participant.close();
  }

  /**
   * What follows anyone's departure on every gateway: subscribers drop their
   * streams, a departed host's place goes to the longest-present participant
   * (carried out by that participant's own gateway), an empty room closes.
   */
  private async afterDeparture(room: Room, departed: Participant): Promise<void> {
    this.media.syncOthers(room);
    const successor = departed.role === 'host' ? room.longestPresent(this.mirror.gatewayId !== null) : undefined;
    if (successor !== undefined && successor.home === null) {
      const wasHost = successor.role === 'host';
      successor.role = 'host';
      this.media.broadcast(room, 'participant.updated', successor.info());
      await this.mirror.announce(room, successor);
      // Whoever waits in the lobby would otherwise wait for a host who is gone.
      if (!wasHost) {
        for (const knock of this.lobby.pending(room.id)) {
          this.pusher.push(successor.id, 'lobby.knocking', { requestId: knock.requestId, name: knock.name });
        }
      }
    }
    if (room.size === 0) this.registry.scheduleClose(room);
  }

  /**
   * Publishes (or renegotiates) a participant's media; returns the SFU's answer.
   * `ridOrder` passes on how the offer orders its simulcast rids.
   */
  async publish(session: SessionRef, offer: Sdp, tracks: readonly PublishedTrack[], ridOrder?: RidOrder): Promise<Sdp> {
    const { room, participant } = await this.member(session);
    const answer = await this.media.publish(room, participant, offer, tracks, ridOrder);
    this.mirror.announceWhenLive(room, participant);
    return answer;
  }

  async unpublish(session: SessionRef): Promise<void> {
    const { room, participant } = await this.member(session);
    participant.published = new Map();
    // The next publish brings a new PeerConnection, not up at first.
    participant.feedReady = false;
    this.media.syncOthers(room, participant);
    await this.mirror.announce(room, participant);
    await participant.publisher.unpublish();
  }

  async answer(session: SessionRef, seq: number, answer: Sdp): Promise<void> {
    const { participant } = await this.member(session);
    await participant.subscription.answer(seq, answer);
  }

  /** Records how the client shows its remote videos; the subscription follows. */
  async view(session: SessionRef, views: ValidRequest<'media.view'>['views']): Promise<void> {
    const { participant } = await this.member(session);
    participant.subscription.view(views);
  }

  async trickle(session: SessionRef, pc: PeerConnectionKind, candidate: IceCandidate): Promise<void> {
    const { participant } = await this.member(session);
    if (pc === 'publisher') await participant.publisher.trickle(candidate);
    else await participant.subscription.trickle(candidate);
  }

  /** Applies a participant's own state change and tells everyone else. */
  async update(session: SessionRef, change: ValidRequest<'participant.update'>): Promise<ParticipantInfo> {
    const { room, participant } = await this.member(session);
    if (change.audioMuted === false && participant.hostMuted) await this.media.liftHostMute(room, participant);
    if (change.audioMuted !== undefined) participant.audioMuted = change.audioMuted;
    if (change.videoMuted !== undefined) participant.videoMuted = change.videoMuted;
    if (change.handRaised === false) participant.handRaisedAt = null;
    // Raising an already raised hand keeps its place in the queue.
    if (change.handRaised === true) participant.handRaisedAt ??= Date.now();
    const info = participant.info();
    this.media.broadcastExcept(room, participant.id, 'participant.updated', info);
    await this.mirror.announce(room, participant);
    return info;
  }

  async onApplicationShutdown(): Promise<void> {
    this.eventsSubject.complete();
    for (const stop of this.stopWatchingSfu.splice(0)) stop();
    this.mirror.stop();
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
    // A room others still serve keeps its SFU room: destroying it would cut their media.
    await this.registry.closeAll((room) => room.participants.some((p) => p.home !== null));
  }

  /** Who is in a room now, on every gateway (empty for a room that is not live here). */
  async participantIds(id: RoomId): Promise<ParticipantId[]> {
    const room = await this.registry.existing(id);
    return room === undefined ? [] : room.participants.map((p) => p.id);
  }

  /** The room and participant of a session joined on this gateway; `session.not_joined` otherwise. */
  async member(session: SessionRef): Promise<{ room: Room; participant: Participant }> {
    const room = await this.registry.existing(session.room);
    const participant = room?.get(session.participantId);
    if (room === undefined || participant === undefined || participant.home !== null) {
      throw new DomainError('session.not_joined', 'You are not in this room');
    }
    return { room, participant };
  }

  /** A new live room: its SFU room, its speakers relayed, and who is in it through other gateways. */
  private async createRoom(id: RoomId): Promise<Room> {
    const room = new Room(id, await this.sfu.createRoom(id, { maxPublishers: this.config.roomMaxParticipants }));
    this.media.watchTalking(room);
    await this.mirror.adopt(room);
    return room;
  }

  /** Brings a held participant back on a new connection with fresh SFU handles. */
  private async resume(room: Room, participant: Participant): Promise<{ session: SessionRef; result: JoinResult }> {
    this.clearGraceTimer(participant.id);
    const { publisher, subscription } = await this.media.create(room, participant.id, participant.name);
    await participant.replaceMedia(publisher, subscription);
    participant.connected = true;
    // Their old feed is gone: everyone else drops it now and takes the new one when it is published.
    this.media.syncOthers(room, participant);
    this.media.broadcastExcept(room, participant.id, 'participant.updated', participant.info());
    await this.mirror.announce(room, participant);
    return this.results.build(room, participant);
  }

  private clearGraceTimer(id: ParticipantId): void {
    const timer = this.graceTimers.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.graceTimers.delete(id);
  }

  /** Pushes `event` to everyone in the room. */
  broadcast<E extends PushName>(room: Room, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    this.media.broadcast(room, event, ...args);
  }
}
