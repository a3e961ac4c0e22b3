import { Logger } from '@nestjs/common';
import type { ParticipantId, RoomId } from '@parley/protocol';
import type { ClusterMessage, ForwardedHostAction, MemberState, RoomCluster, SharedSettings } from './cluster';
import { RemoteMember, type RoomMember } from './member';
import type { LocalParticipant } from './participant';
import type { Room } from './room';

/** How long a new feed may take to come up before other gateways are told of it anyway. */
export const FEED_LIVE_TIMEOUT_MS = 15_000;

/** How often a gateway looks for members whose home gateway stopped beating. */
export const DEAD_GATEWAY_SWEEP_MS = 3_000;

/** What the mirror asks of the rooms domain when other gateways change a room. */
export interface MirrorHooks {
  /** The live room, if this gateway serves it (waits for a creation under way). */
  existing(roomId: ClusterMessage['room']): Promise<Room | undefined>;
  /** Someone elsewhere joined, published or changed: local subscribers follow. */
  changed(room: Room): void;
  /**
   * A mirror left the room. `tellLocals` when its home gateway could not tell
   * anyone (it died): this gateway pushes `participant.left` to its own people.
   */
  removed(room: Room, participant: RemoteMember, tellLocals: boolean): Promise<void>;
  /** One of ours resumed on another gateway: drop ours without telling anyone it left. */
  takenOver(room: Room, participant: LocalParticipant): Promise<void>;
  /** Lock or lobby changed elsewhere (already told to every client). */
  settingsChanged(room: Room, settings: SharedSettings): Promise<void>;
  /** A host elsewhere acts on one of ours. */
  hostAction(room: Room, action: ForwardedHostAction, target: LocalParticipant, byName: string): Promise<void>;
  /** A host elsewhere answered a lobby request that may be waiting here. */
  lobbyDecision(room: Room, requestId: string, admit: boolean): Promise<void>;
  /** Someone elsewhere became a host: they should see who waits in the lobby here. */
  newHost(room: Room, host: RoomMember): void;
}

/**
 * Keeps this gateway's rooms in step with the other gateways serving them:
 * their participants appear here as mirrors (id, name, role, mute and hand
 * state, published streams with SFU feed ids). Each participant's own
 * gateway is the authority: it saves their state in the cluster store, then
 * tells the others, who only apply it. Messages are applied one at a time,
 * in arrival order.
 */
export class ClusterMirror {
  private readonly logger = new Logger('ClusterMirror');
  private queue: Promise<void> = Promise.resolve();
  private stopListening: (() => void) | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cluster: RoomCluster,
    private readonly hooks: MirrorHooks,
    private readonly liveRooms: () => Promise<Room[]>,
  ) {}

  /** This gateway's id among its peers; null when it runs alone (then every method here is a no-op). */
  get gatewayId(): string | null {
    return this.cluster.gatewayId;
  }

  start(): void {
    if (this.gatewayId === null) return;
    this.stopListening = this.cluster.onMessage((message) => {
      this.queue = this.queue.then(() => this.apply(message)).catch((error: unknown) => {
        this.logger.error(`Applying ${message.type} for room ${message.room}: ${String(error)}`);
      });
    });
    this.sweepTimer = setInterval(() => {
      this.queue = this.queue.then(() => this.sweepDeadGateways()).catch((error: unknown) => this.logger.error(`Sweep: ${String(error)}`));
    }, DEAD_GATEWAY_SWEEP_MS);
    this.sweepTimer.unref();
  }

  stop(): void {
    this.stopListening?.();
    clearInterval(this.sweepTimer);
  }

  /**
   * Whether live gateways other than this one hold people in room `id`: then
   * its SFU room exists already, and this gateway opens the room (adopting
   * their lock, lobby and hosts) before checking a newcomer at its doors.
   */
  async servedElsewhere(id: RoomId): Promise<boolean> {
    if (this.gatewayId === null) return false;
    const [members, live] = await Promise.all([this.cluster.members(id), this.cluster.liveGateways()]);
    return members.some((member) => member.home !== this.gatewayId && live.has(member.home));
  }

  /** Fills a room this gateway just opened with the others' members and the shared settings. */
  async adopt(room: Room): Promise<void> {
    if (this.gatewayId === null) return;
    const [members, settings, live] = await Promise.all([
      this.cluster.members(room.id),
      this.cluster.settings(room.id),
      this.cluster.liveGateways(),
    ]);
    for (const member of members) {
      if (member.home === this.gatewayId) continue;
      if (live.has(member.home)) room.add(new RemoteMember(member));
      // Left behind by a gateway that stopped (its people went with it).
      else await this.cluster.forgetMember(room.id, member.info.id);
    }
    if (settings !== null) {
      room.locked = settings.locked;
      room.lobby = settings.lobby;
    }
  }

  /** Saves and tells the others the state of one of this gateway's participants. */
  async announce(room: Room, participant: LocalParticipant): Promise<void> {
    const home = this.gatewayId;
    if (home === null) return;
    const state = participant.state(home, room.sfu.instance);
    await this.cluster.saveMember(room.id, state);
    this.cluster.send({ type: 'member', room: room.id, member: state });
  }

  /**
   * Tells the other gateways what `participant` publishes once the SFU lets
   * subscribers at it: theirs cannot wait for a feed they do not hold, and
   * Janus refuses (or silently skips) a feed whose PeerConnection is not up.
   */
  announceWhenLive(room: Room, participant: LocalParticipant): void {
    if (this.gatewayId === null) return;
    const publisher = participant.publisher;
    const live = participant.feedReady ? Promise.resolve(true) : (publisher.whenLive?.(FEED_LIVE_TIMEOUT_MS) ?? Promise.resolve(true));
    live
      .then(async (up) => {
        // Replaced (resumed, SFU restarted) or gone meanwhile: a later announce covers it.
        if (participant.publisher !== publisher || room.get(participant.id) !== participant) return;
        if (!up) this.logger.warn(`The feed of ${participant.id} in ${room.id} is not up after ${FEED_LIVE_TIMEOUT_MS} ms; announcing it anyway`);
        participant.feedReady = true;
        await this.announce(room, participant);
      })
      .catch((error: unknown) => this.logger.error(`Announcing the feed of ${participant.id}: ${String(error)}`));
  }

  /** One of this gateway's participants left (everyone was told already). */
  async announceLeft(room: Room, participantId: ParticipantId): Promise<void> {
    const home = this.gatewayId;
    if (home === null) return;
    await this.cluster.forgetMember(room.id, participantId);
    this.cluster.send({ type: 'left', room: room.id, participantId, home });
  }

  /** Lock or lobby changed here. */
  async announceSettings(room: Room): Promise<void> {
    if (this.gatewayId === null) return;
    const settings = { locked: room.locked, lobby: room.lobby };
    await this.cluster.saveSettings(room.id, settings);
    this.cluster.send({ type: 'settings', room: room.id, settings });
  }

  /** The room closed everywhere (its last member left): its shared settings go too. */
  async forgetRoom(room: Room): Promise<void> {
    if (this.gatewayId === null) return;
    await this.cluster.saveSettings(room.id, null);
  }

  /** True for the one gateway (of all) that claims `key` first; always true alone. */
  async claim(key: string): Promise<boolean> {
    return this.cluster.spendOnce(key, 60_000);
  }

  /** Hands a host action on a mirrored participant to its home gateway. */
  forwardHostAction(room: Room, action: ForwardedHostAction, target: ParticipantId, byName: string): void {
    this.cluster.send({ type: 'host', room: room.id, action, target, byName });
  }

  /** Hands a lobby decision to whichever gateway holds the knock. */
  forwardLobbyDecision(room: Room, requestId: string, admit: boolean): void {
    this.cluster.send({ type: 'lobby.decide', room: room.id, requestId, admit });
  }

  private async apply(message: ClusterMessage): Promise<void> {
    const room = await this.hooks.existing(message.room);
    if (room === undefined) return;
    switch (message.type) {
      case 'member':
        return this.applyMember(room, message.member);
      case 'left': {
        const mirror = room.get(message.participantId);
        // Only its home may say it left: it may have resumed here since.
        if (mirror === undefined || mirror.local || mirror.home !== message.home) return;
        room.remove(mirror.id);
        await this.hooks.removed(room, mirror, false);
        return;
      }
      case 'settings':
        room.locked = message.settings.locked;
        room.lobby = message.settings.lobby;
        return this.hooks.settingsChanged(room, message.settings);
      case 'host': {
        const target = room.get(message.target);
        if (target === undefined || !target.local) return;
        return this.hooks.hostAction(room, message.action, target, message.byName);
      }
      case 'lobby.decide':
        return this.hooks.lobbyDecision(room, message.requestId, message.admit);
      default: {
        const unknown: never = message;
        this.logger.warn(`Unknown cluster message ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async applyMember(room: Room, state: MemberState): Promise<void> {
    const current = room.get(state.info.id);
    const becameHost = state.info.role === 'host' && current?.role !== 'host';
    if (current === undefined) {
      room.add(new RemoteMember(state));
    } else if (current.local) {
      // Ours resumed on another gateway: that one holds them now.
      if (state.home === this.gatewayId) return;
      room.remove(current.id);
      await this.hooks.takenOver(room, current);
      room.add(new RemoteMember(state));
    } else {
      current.apply(state);
    }
    const mirror = room.get(state.info.id);
    if (becameHost && mirror !== undefined) this.hooks.newHost(room, mirror);
    this.hooks.changed(room);
  }

  /** Drops the members of gateways whose heartbeat expired (crashed or cut off). */
  async sweepDeadGateways(): Promise<void> {
    const rooms = await this.liveRooms();
    const withMirrors = rooms.filter((room) => room.participants.some((p) => !p.local));
    if (withMirrors.length === 0) return;
    const live = await this.cluster.liveGateways();
    for (const room of withMirrors) {
      for (const mirror of room.participants) {
        if (mirror.local || live.has(mirror.home)) continue;
        this.logger.warn(`Gateway ${mirror.home} stopped beating: ${mirror.id} leaves room ${room.id}`);
        room.remove(mirror.id);
        await this.cluster.forgetMember(room.id, mirror.id);
        await this.hooks.removed(room, mirror, true);
      }
    }
  }
}
