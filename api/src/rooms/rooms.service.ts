import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { LeaveReason, RoomId, ValidRequest } from '@parley/protocol';
import { SessionTokens } from '../auth/session-tokens';
import type { Config } from '../config/config';
import { CONFIG } from '../config/config.token';
import { DomainError } from '../errors';
import { STORE, type Store } from '../store/store';
import { ROOM_CLUSTER, SoloCluster, type ForwardedHostAction, type RoomCluster } from './cluster';
import { ClusterMirror } from './cluster-mirror';
import { JoinResults } from './join-result';
import { mirrorHooks } from './mirror-hooks';
import type { LocalParticipant } from './participant';
import { PUSHER, type Pusher } from './pusher';
import { Room } from './room';
import type { RoomEvent } from './room-events';
import { RoomMedia } from './room-media';
import { rebuildOnSfuLoss, rebuildRoom } from './room-rebuild';
import type { Sfu } from './sfu';
import { SFU } from './sfu.token';
import { TurnCredentials } from '../turn/turn-credentials';
import { PasswordAttempts } from '../auth/password-attempts';
import { GraceTimers } from './grace-timers';
import { MEETING_TOUCH_MS, Meetings } from './meetings';
import { Lobby } from './lobby';
import { RoomAccess } from './room-access';
import { RoomChanges, tellEveryone } from './room-changes';
import { RoomEntry, type JoinHooks, type Joined } from './room-entry';
import { RoomExit } from './room-exit';
import { RoomRegistry } from './room-registry';
import type { SessionRef } from './session-ref';

export type { JoinHooks, Joined } from './room-entry';
export type { SessionRef } from './session-ref';

/** Carries out a host action forwarded from another gateway on one of this gateway's participants. */
export type ForwardedHostHandler = (room: Room, action: ForwardedHostAction, target: LocalParticipant, byName: string) => Promise<void>;

/**
 * The rooms domain: who is in which room, what they publish, and keeping
 * every subscriber in step. Talks to the SFU through the `Sfu` port, to
 * clients through the `Pusher` port and, when several gateways serve one
 * room, to the others through the `RoomCluster` port (see ClusterMirror).
 */
@Injectable()
export class RoomsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RoomsService.name);
  private readonly registry: RoomRegistry;
  /** Participants held for resumption after their connection dropped. */
  private readonly grace = new GraceTimers();
  private readonly eventsSubject = new Subject<RoomEvent>();
  private readonly stopWatchingSfu: Array<() => void> = [];
  /** Each room's meetings, in the store. */
  readonly meetings: Meetings;
  private touchTimer: NodeJS.Timeout | undefined;
  /** Newcomers waiting for a host, across rooms; a knock that lapses is answered no. */
  readonly lobby: Lobby;
  readonly access: RoomAccess;
  readonly media: RoomMedia;
  /** Changes to this gateway's participants: its clients and the other gateways subscribe. */
  readonly changes = new RoomChanges();
  private readonly entry: RoomEntry;
  private readonly exit: RoomExit;
  /** This gateway's view of the other gateways serving its rooms (inert when it runs alone). */
  readonly mirror: ClusterMirror;
  private forwardedHost: ForwardedHostHandler | undefined;
  /** Joins and leaves of this gateway's participants, as they happen. */
  readonly events = this.eventsSubject.asObservable();

  constructor(
    @Inject(SFU) private readonly sfu: Sfu,
    @Inject(STORE) store: Store,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(PUSHER) private readonly pusher: Pusher,
    private readonly tokens: SessionTokens,
    /** Absent only where a spec builds the rooms domain by hand without TURN; the app always provides it. */
    @Optional() turn?: TurnCredentials,
    /** Absent for one gateway on its own (and in specs that build the domain by hand). */
    @Optional() @Inject(ROOM_CLUSTER) clusterPort?: RoomCluster,
  ) {
    const cluster = clusterPort ?? new SoloCluster();
    this.lobby = new Lobby((knock) => {
      this.registry
        .existing(knock.room)
        .then((room) => this.access.lapsed(room, knock))
        .catch((error: unknown) => this.logger.error(`Lapsing knock ${knock.requestId}: ${String(error)}`));
    }, config.lobbyKnockSeconds * 1000);
    this.registry = new RoomRegistry(
      (id) => this.createRoom(id),
      (id, error) => this.logger.warn(`Closing room ${id}: ${String(error)}`),
      async (room) => {
        await this.mirror.forgetRoom(room);
        await this.meetings.end(room.id, room.meeting);
      },
      config.roomMaxLive,
    );
    this.meetings = new Meetings(store, config);
    const passwords = new PasswordAttempts(store);
    this.access = new RoomAccess(store, tokens, pusher, this.lobby, passwords, (key, ttlMs) => cluster.spendOnce(key, ttlMs));
    this.media = new RoomMedia(config, pusher, this.logger);
    const hooks = mirrorHooks({
      registry: this.registry,
      media: this.media,
      pusher,
      lobby: this.lobby,
      access: this.access,
      clearGraceTimer: (id) => this.grace.release(id),
      afterDeparture: (room, departed) => this.exit.afterDeparture(room, departed),
      forwardedHost: () => this.forwardedHost,
      dropped: async (room, participant) => {
        if (!(await this.mirror.claim(`dropped:${room.id}:${participant.id}`))) return;
        const { id: participantId, name } = participant;
        this.eventsSubject.next({ type: 'dropped', room: room.id, meeting: room.meeting.id, participantId, name });
      },
    });
    this.mirror = new ClusterMirror(cluster, hooks, () => this.registry.live());
    const { registry, access, media, mirror, lobby, grace, changes } = this;
    tellEveryone(changes, media, mirror);
    changes.subscribe((change) => {
      if (change.type !== 'joined' && change.type !== 'left') return;
      const { room, participant } = change;
      const { id: participantId, name } = participant;
      this.eventsSubject.next({ type: change.type, room: room.id, meeting: room.meeting.id, participantId, name });
    });
    const shared = { config, store, tokens, registry, media, mirror, changes };
    this.exit = new RoomExit({ ...shared, pusher, lobby, grace });
    const results = new JoinResults(tokens, store, config, turn);
    this.entry = new RoomEntry({ ...shared, access, results, meetings: this.meetings, releaseGrace: (id) => grace.release(id) });
  }

  onModuleInit(): void {
    this.stopWatchingSfu.push(...rebuildOnSfuLoss(this.sfu, this.logger, (only) => this.rebuildAfterSfuRestart(only)));
    this.mirror.start();
    this.touchTimer = setInterval(() => {
      this.registry
        .live()
        .then((rooms) => this.meetings.touch(rooms.map((room) => room.id)))
        .catch((error: unknown) => this.logger.warn(`Touching live rooms: ${String(error)}`));
    }, MEETING_TOUCH_MS);
    this.touchTimer.unref();
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
    return this.tokens.issue({ participantId: participant.id, room: room.id, meeting: room.meeting.id, role: participant.role });
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
   * Joins a room, creating it on first use once the newcomer passed its
   * doors. With a valid `resumeToken` for someone still held in the room it
   * resumes that participant instead: same id and state, fresh media, no
   * leave/join for the others; `hooks.replaced` is told so the old socket
   * can be dropped. See {@link RoomEntry}.
   */
  join(request: ValidRequest<'room.join'>, hooks: JoinHooks = {}): Promise<Joined> {
    return this.entry.join(request, hooks);
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
    await this.exit.suspend(room, participant, () => {
      this.leave(session, 'disconnected').catch((error: unknown) => this.logger.error(`Leave after grace: ${String(error)}`));
    });
  }

  /** Removes one of this gateway's participants (see {@link RoomExit.leave}). Idempotent. */
  async leave(session: SessionRef, reason: LeaveReason): Promise<void> {
    await this.exit.leave(await this.registry.existing(session.room), session.participantId, reason);
  }

  async onApplicationShutdown(): Promise<void> {
    this.eventsSubject.complete();
    for (const stop of this.stopWatchingSfu.splice(0)) stop();
    this.mirror.stop();
    clearInterval(this.touchTimer);
    this.grace.clear();
    this.lobby.clear();
    // A room others still serve keeps its SFU room: destroying it would cut their media.
    await this.registry.closeAll((room) => room.participants.some((p) => !p.local));
  }

  /** Room `id` if it is live here, with everyone in it on every gateway. */
  liveRoom(id: RoomId): Promise<Room | undefined> {
    return this.registry.existing(id);
  }

  /** The room and participant of a session joined on this gateway; `session.not_joined` otherwise. */
  async member(session: SessionRef): Promise<{ room: Room; participant: LocalParticipant }> {
    const room = await this.registry.existing(session.room);
    const participant = room?.local(session.participantId);
    if (room === undefined || participant === undefined) {
      throw new DomainError('session.not_joined', 'You are not in this room');
    }
    return { room, participant };
  }

  /** A new live room: its SFU room, its speakers relayed, and who is in it through other gateways. */
  private async createRoom(id: RoomId): Promise<Room> {
    const meeting = await this.meetings.open(id);
    const room = new Room(id, await this.sfu.createRoom(id, { maxPublishers: this.config.roomMaxParticipants }), meeting);
    this.media.watchTalking(room);
    await this.mirror.adopt(room);
    return room;
  }
}
