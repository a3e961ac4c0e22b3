import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import {
  CHAT_PAGE_SIZE,
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
import { Participant, type PublishedTrackInfo } from './participant';
import { PUSHER, type Pusher } from './pusher';
import { Room } from './room';
import type { RoomEvent } from './room-events';
import type { Sfu, SfuPublisher } from './sfu';
import { SFU } from './sfu.token';
import { SubscriberSession } from './subscriber-session';
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

/**
 * The rooms domain: who is in which room, what they publish, and keeping
 * every subscriber in step. Talks to the SFU through the `Sfu` port and to
 * clients through the `Pusher` port.
 */
@Injectable()
export class RoomsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RoomsService.name);
  private readonly registry = new RoomRegistry(
    (id) => this.createRoom(id),
    (id, error) => this.logger.warn(`Closing room ${id}: ${String(error)}`),
  );
  /** Participants held for resumption after their connection dropped. */
  private readonly graceTimers = new Map<ParticipantId, NodeJS.Timeout>();
  private readonly eventsSubject = new Subject<RoomEvent>();
  private readonly stopWatchingSfu: Array<() => void> = [];
  /** Newcomers waiting for a host, across rooms. */
  readonly lobby = new Lobby();
  private readonly access: RoomAccess;
  /** Joins and leaves, as they happen. */
  readonly events = this.eventsSubject.asObservable();

  constructor(
    @Inject(SFU) private readonly sfu: Sfu,
    @Inject(STORE) private readonly store: Store,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(PUSHER) private readonly pusher: Pusher,
    private readonly tokens: SessionTokens,
    /** Absent only where a spec builds the rooms domain by hand without TURN; the app always provides it. */
    @Optional() private readonly turn?: TurnCredentials,
  ) {
    this.access = new RoomAccess(store, tokens, pusher, this.lobby);
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
  }

  /**
   * The SFU came back after a loss (or, with `only`, those rooms lost their
   * SFU server while others stayed up): recreate each live room in it, give
   * every participant fresh handles, and ask their clients to publish again
   * (`media.restart`); subscriptions follow as they do.
   */
  async rebuildAfterSfuRestart(only?: readonly RoomId[]): Promise<void> {
    for (const room of await this.registry.live()) {
      if (only !== undefined && !only.includes(room.id)) continue;
      const rebuilt: Participant[] = [];
      try {
        room.replaceSfu(await this.sfu.createRoom(room.id, { maxPublishers: this.config.roomMaxParticipants }));
        this.watchTalking(room);
        for (const participant of room.participants) {
          const { publisher, subscription } = await this.createMedia(room, participant.id, participant.name);
          await participant.replaceMedia(publisher, subscription);
          rebuilt.push(participant);
        }
        this.logger.log(`Rebuilt room ${room.id} with ${room.size} participant(s) after its SFU was lost`);
      } catch (error) {
        this.logger.error(`Could not rebuild room ${room.id}: ${String(error)}`);
      }
      // Only once everyone has fresh handles: a publish arriving earlier would
      // sync the others' subscriptions about to be replaced, and theirs would
      // never learn of that feed (seen as a missing video after a failover).
      for (const participant of rebuilt) this.pusher.push(participant.id, 'media.restart', {});
    }
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
   * old socket can be dropped. Newcomers pass the room's lock, password and
   * lobby (see {@link checkAccess}).
   */
  async join(request: ValidRequest<'room.join'>, hooks: JoinHooks = {}): Promise<{ session: SessionRef; result: JoinResult }> {
    const resumed = request.resumeToken === undefined ? undefined : await this.tokens.verify(request.resumeToken, request.room);
    if (resumed !== undefined && (await this.store.isRevoked(resumed.participantId, Date.now()))) {
      throw new DomainError('auth.invalid_token', 'You were removed from this meeting');
    }
    const room = await this.registry.get(request.room);
    const existing = resumed === undefined ? undefined : room.get(resumed.participantId);
    if (existing !== undefined) {
      hooks.replaced?.(existing.id);
      hooks.admitted?.(existing.id);
      return this.resume(room, existing);
    }
    // Someone who was in (their token is valid) comes back past lock, password and lobby.
    if (resumed === undefined) await this.access.check(room, request, hooks);
    if (room.size >= this.config.roomMaxParticipants) {
      throw new DomainError('room.full', `This room is full (${this.config.roomMaxParticipants} participants)`);
    }
    const participantId = resumed?.participantId ?? (randomUUID() as ParticipantId);
    const role = resumed?.role ?? (room.size === 0 ? 'host' : 'guest');
    const { publisher, subscription } = await this.createMedia(room, participantId, request.name);
    const participant = new Participant(participantId, request.name, role, Date.now(), publisher, subscription);
    // The room may have filled while the publisher joined the SFU.
    if (room.size >= this.config.roomMaxParticipants) {
      await participant.close();
      throw new DomainError('room.full', `This room is full (${this.config.roomMaxParticipants} participants)`);
    }
    const others = room.participants;
    room.add(participant);
    // From here pushes to them must reach their socket: a chat line stored
    // before the join page is read would otherwise reach them by neither route.
    hooks.admitted?.(participantId);
    this.registry.cancelClose(room.id);
    await this.store.touchRoom(room.id, Date.now());
    for (const other of others) this.pusher.push(other.id, 'participant.joined', participant.info());
    this.eventsSubject.next({ type: 'joined', room: room.id, participantId, name: participant.name });
    return this.joinResult(room, participant);
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
    this.broadcastExcept(room, participant.id, 'participant.updated', participant.info());
    this.clearGraceTimer(participant.id);
    const timer = setTimeout(() => {
      this.graceTimers.delete(participant.id);
      this.leave(session, 'disconnected').catch((error: unknown) => this.logger.error(`Leave after grace: ${String(error)}`));
    }, this.config.resumeGraceSeconds * 1000);
    timer.unref();
    this.graceTimers.set(participant.id, timer);
  }

  /** Removes a participant, tells the others, and frees its SFU handles. Idempotent. */
  async leave(session: SessionRef, reason: LeaveReason): Promise<void> {
    this.clearGraceTimer(session.participantId);
    const room = await this.registry.existing(session.room);
    const wasActive = room?.speakers.activeSpeaker === session.participantId || room?.speakers.speaking.includes(session.participantId);
    const participant = room?.remove(session.participantId);
    if (room === undefined || participant === undefined) return;
    if (wasActive === true) this.broadcast(room, 'speaker.changed', room.speakers);
    this.eventsSubject.next({ type: 'left', room: room.id, participantId: participant.id, name: participant.name });
    for (const other of room.participants) {
      this.pusher.push(other.id, 'participant.left', { participantId: participant.id, reason });
      other.subscription.sync();
    }
    // The longest-present participant inherits the host role.
    const successor = participant.role === 'host' ? room.participants[0] : undefined;
    if (successor !== undefined) {
      const wasHost = successor.role === 'host';
      successor.role = 'host';
      for (const other of room.participants) this.pusher.push(other.id, 'participant.updated', successor.info());
      // Whoever waits in the lobby would otherwise wait for a host who is gone.
      if (!wasHost) {
        for (const knock of this.lobby.pending(room.id)) {
          this.pusher.push(successor.id, 'lobby.knocking', { requestId: knock.requestId, name: knock.name });
        }
      }
    }
    await participant.close();
    if (room.size === 0) this.registry.scheduleClose(room);
  }

  /**
   * Publishes (or renegotiates) a participant's media; returns the SFU's answer.
   * `ridOrder` passes on how the offer orders its simulcast rids.
   */
  async publish(session: SessionRef, offer: Sdp, tracks: readonly PublishedTrack[], ridOrder?: RidOrder): Promise<Sdp> {
    const { room, participant } = await this.member(session);
    const sharing = (p: Participant) => [...p.published.values()].some((t) => t.source === 'screen');
    const startsSharing = tracks.some((t) => t.source === 'screen') && !sharing(participant);
    if (startsSharing && room.participants.filter(sharing).length >= this.config.roomMaxScreenShares) {
      throw new DomainError(
        'media.share_limit',
        `${this.config.roomMaxScreenShares} screens are already being shared in this meeting; ask someone to stop first`,
      );
    }
    const descriptions = tracks.map((track) => ({ mid: track.mid, description: track.source }));
    const { answer, streams } = await participant.publisher.publish(offer, descriptions, ridOrder === undefined ? {} : { ridOrder });
    const described = new Map(tracks.map((track) => [track.mid, track]));
    const published = new Map<string, PublishedTrackInfo>();
    for (const stream of streams) {
      const track = described.get(stream.mid);
      if (track === undefined) continue;
      published.set(stream.mid, {
        mid: stream.mid,
        kind: stream.kind,
        source: track.source,
        simulcast: stream.simulcast === true,
        ...(track.height === undefined ? {} : { height: track.height }),
      });
    }
    participant.published = published;
    for (const other of room.participants) if (other.id !== participant.id) other.subscription.sync();
    return answer;
  }

  async unpublish(session: SessionRef): Promise<void> {
    const { room, participant } = await this.member(session);
    participant.published = new Map();
    for (const other of room.participants) if (other.id !== participant.id) other.subscription.sync();
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
    if (change.audioMuted === false && participant.hostMuted) await this.liftHostMute(room, participant);
    if (change.audioMuted !== undefined) participant.audioMuted = change.audioMuted;
    if (change.videoMuted !== undefined) participant.videoMuted = change.videoMuted;
    if (change.handRaised === false) participant.handRaisedAt = null;
    // Raising an already raised hand keeps its place in the queue.
    if (change.handRaised === true) participant.handRaisedAt ??= Date.now();
    const info = participant.info();
    for (const other of room.participants) if (other.id !== participant.id) this.pusher.push(other.id, 'participant.updated', info);
    return info;
  }

  async onApplicationShutdown(): Promise<void> {
    this.eventsSubject.complete();
    for (const stop of this.stopWatchingSfu.splice(0)) stop();
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
    await this.registry.closeAll();
  }

  /** Who is in a room now (empty for a room that is not live). */
  async participantIds(id: RoomId): Promise<ParticipantId[]> {
    const room = await this.registry.existing(id);
    return room === undefined ? [] : room.participants.map((p) => p.id);
  }

  /** The room and participant of a joined session; `session.not_joined` otherwise. */
  async member(session: SessionRef): Promise<{ room: Room; participant: Participant }> {
    const room = await this.registry.existing(session.room);
    const participant = room?.get(session.participantId);
    if (room === undefined || participant === undefined) {
      throw new DomainError('session.not_joined', 'You are not in this room');
    }
    return { room, participant };
  }

  /** A new live room: its SFU room, and its speakers relayed. */
  private async createRoom(id: RoomId): Promise<Room> {
    const room = new Room(id, await this.sfu.createRoom(id, { maxPublishers: this.config.roomMaxParticipants }));
    this.watchTalking(room);
    return room;
  }

  /** The participant unmutes themselves after a host mute: the SFU forwards their microphone again. */
  private async liftHostMute(room: Room, participant: Participant): Promise<void> {
    for (const track of participant.published.values()) {
      if (track.source === 'microphone') await room.sfu.moderate(participant.publisher.feedId, track.mid, false);
    }
    participant.hostMuted = false;
  }

  /** Relays the SFU's voice-activity changes in `room` as `speaker.changed`. */
  private watchTalking(room: Room): void {
    room.sfu.onTalking((feedId, talking) => {
      const speaker = room.byFeed(feedId);
      if (speaker !== undefined && room.setTalking(speaker.id, talking)) this.broadcast(room, 'speaker.changed', room.speakers);
    });
  }

  /** Brings a held participant back on a new connection with fresh SFU handles. */
  private async resume(room: Room, participant: Participant): Promise<{ session: SessionRef; result: JoinResult }> {
    this.clearGraceTimer(participant.id);
    const { publisher, subscription } = await this.createMedia(room, participant.id, participant.name);
    await participant.replaceMedia(publisher, subscription);
    participant.connected = true;
    // Their old feed is gone: everyone else drops it now and takes the new one when it is published.
    for (const other of room.participants) if (other.id !== participant.id) other.subscription.sync();
    this.broadcastExcept(room, participant.id, 'participant.updated', participant.info());
    return this.joinResult(room, participant);
  }

  /** A participant's SFU publisher and subscriber session in `room`. */
  private async createMedia(
    room: Room,
    participantId: ParticipantId,
    name: string,
  ): Promise<{ publisher: SfuPublisher; subscription: SubscriberSession }> {
    const publisher = await room.sfu.createPublisher(participantId, name);
    const subscription = new SubscriberSession({
      createSubscriber: () => room.sfu.createSubscriber(participantId),
      desiredStreams: () => room.streamsFor(participantId),
      describe: (streams) => room.describe(streams),
      publishedVideo: (feedId, feedMid) => {
        const track = room.byFeed(feedId)?.published.get(feedMid);
        if (track === undefined || track.kind !== 'video') return null;
        return track.height === undefined ? { simulcast: track.simulcast } : { simulcast: track.simulcast, height: track.height };
      },
      pushOffer: (seq, offer, streams) => this.pusher.push(participantId, 'media.offer', { seq, offer, streams }),
      onError: (error) => this.logger.error(`Subscriber of ${participantId} in ${room.id}: ${String(error)}`),
    });
    return { publisher, subscription };
  }

  private async joinResult(room: Room, participant: Participant): Promise<{ session: SessionRef; result: JoinResult }> {
    const [token, chat, record] = await Promise.all([
      this.tokens.issue({ participantId: participant.id, room: room.id, role: participant.role }),
      this.store.chatPage(room.id, CHAT_PAGE_SIZE),
      this.store.getRoom(room.id),
    ]);
    // Runs after the ack is on its way: the first offer follows the join result.
    setImmediate(() => participant.subscription.sync());
    return {
      session: { room: room.id, participantId: participant.id },
      result: {
        room: room.id,
        self: participant.info(),
        participants: room.participants.filter((p) => p.id !== participant.id).map((p) => p.info()),
        token,
        iceServers: this.turn?.iceServersFor(participant.id) ?? [...this.config.iceServers],
        chat,
        settings: { locked: room.locked, lobby: room.lobby, hasPassword: (record?.passwordHash ?? null) !== null },
        speakers: room.speakers,
      },
    };
  }

  private clearGraceTimer(id: ParticipantId): void {
    const timer = this.graceTimers.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.graceTimers.delete(id);
  }

  /** Pushes `event` to everyone in the room. */
  broadcast<E extends PushName>(room: Room, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    for (const participant of room.participants) this.pusher.push(participant.id, event, ...args);
  }

  private broadcastExcept<E extends PushName>(
    room: Room,
    except: ParticipantId,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    for (const participant of room.participants) if (participant.id !== except) this.pusher.push(participant.id, event, ...args);
  }
}
