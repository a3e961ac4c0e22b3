import Janode, { type Connection, type JanodeLogLevel, type Session } from 'janode';
import VideoRoomPlugin, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import type { Sfu, SfuRoom, SfuRoomOptions } from '../rooms/sfu';
import { createJanusContext, withDeadline, type JanusContext, type JanusLogger } from './janus-context';
import { JanusError, JanusErrorCode } from './janus-error';
import { JanusRoom } from './janus-room';
import { roomPin } from './room-secret';

export interface JanusSfuOptions {
  /** The Janus WebSocket API, e.g. `ws://127.0.0.1:8188`. */
  readonly url: string;
  /** VideoRoom `admin_key` (janus/janus.plugin.videoroom.jcfg), needed to create rooms. */
  readonly adminKey: string;
  /** The `secret` of the Janus room for a room key: the same every time (see room-secret.ts); its `pin` derives from it. */
  readonly roomSecret: (roomKey: string) => string;
  /** Janus's `api_secret` (janus/janus.jcfg), sent with every request; none when Janus has none. */
  readonly apiSecret?: string;
  /** Whether browsers' private-address ICE candidates reach Janus (default true; see ice-candidates.ts). */
  readonly allowPrivateCandidates?: boolean;
  readonly logger?: JanusLogger;
  /** Deadline of every Janus request (default 10 s); janode has none. */
  readonly requestTimeoutMs?: number;
  /**
   * How long a subscription to a feed published a moment ago waits for the
   * publisher's PeerConnection to come up (default 10 s); see JanusPublisher.
   */
  readonly feedLiveTimeoutMs?: number;
  /** Connection attempts before `connect()` gives up (default 5, 2 s apart): Janus may start after us. */
  readonly connectAttempts?: number;
  readonly connectRetrySeconds?: number;
  /** janode's own console logging, process-wide (default `warning`). */
  readonly janodeLogLevel?: JanodeLogLevel;
}

/**
 * Publishers' bitrate cap, sent to browsers as REMB, which caps a whole
 * publisher PeerConnection (Janus sends one REMB per handle): the camera's
 * three VP8 simulcast layers (up to 1.3 Mbit/s, client SIMULCAST_ENCODINGS)
 * plus a screen share beside it (up to 2 Mbit/s, client screen-capture.ts),
 * so a share does not starve the camera or the other way round.
 */
const PUBLISHER_BITRATE = 3_500_000;
/** H.264 constrained baseline, level 3.1: the profile-level-id browsers all encode and decode. */
const H264_CONSTRAINED_BASELINE = '42e01f';
/** Janus audio_level_average: 0 is loudest, 127 silence; below this counts as talking. */
const TALKING_LEVEL_DBOV = 35;
/** Janus audio_active_packets: how many packets the average spans. */
const TALKING_PACKETS = 40;
/** janode's keep-alive period; Janus reaps a session after session_timeout (60 s). */
const KEEPALIVE_SECONDS = 20;

/**
 * The Sfu port over Janus VideoRoom, through janode. One WebSocket and one
 * Janus session serve the whole gateway; each publisher and subscriber is a
 * VideoRoom handle of its own, and one more handle creates and destroys rooms.
 *
 * Room ids are the Parley room keys (string_ids). Each room gets a `secret`
 * derived from the room key and a gateway key (`options.roomSecret`), which
 * no client sees, `is_private`, `require_pvtid` and audio-level events. If
 * Janus already has a room with that id (427: created by an earlier gateway
 * process that died without cleaning up, or by another gateway instance
 * sharing this Janus) it is adopted, not recreated (recreating it would cut
 * off whoever is in it); its secret is the same derived one, so it can still
 * be moderated and destroyed.
 */
export class JanusSfu implements Pick<Sfu, 'healthy' | 'createRoom' | 'onConnectionChange' | 'close'> {
  private up = true;
  private closing: Promise<void> | null = null;
  /** Rooms alive in Janus, by room key. */
  private readonly live = new Map<string, JanusRoom>();
  /** Rooms being created, so concurrent first joins share one creation. */
  private readonly creating = new Map<string, Promise<JanusRoom>>();
  private readonly listeners = new Set<(up: boolean) => void>();
  private readonly context: JanusContext;

  private constructor(
    private readonly connection: Connection,
    private readonly session: Session,
    private manager: VideoRoomHandle | null,
    private readonly options: JanusSfuOptions,
    private readonly logger: JanusLogger,
    requestTimeoutMs: number,
  ) {
    this.context = createJanusContext(session, logger, {
      requestMs: requestTimeoutMs,
      feedLiveMs: options.feedLiveTimeoutMs ?? 10_000,
    }, options.allowPrivateCandidates ?? true);
    connection.once(Janode.EVENT.CONNECTION_ERROR, (error: Error) => this.lost(`connection lost (${error.message})`));
    session.once(Janode.EVENT.SESSION_DESTROYED, () => this.lost('session destroyed'));
    manager?.once(Janode.EVENT.HANDLE_DETACHED, () => {
      this.manager = null;
    });
  }

  /**
   * Connects to Janus, opens the gateway's session and its room-management
   * handle. Rejects with a JanusError (no code: `janus.unavailable`) when
   * Janus cannot be reached after `connectAttempts`.
   */
  static async connect(options: JanusSfuOptions): Promise<JanusSfu> {
    const logger = options.logger ?? console;
    const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    Janode.Logger.setLevel(options.janodeLogLevel ?? 'warning');
    let connection: Connection;
    try {
      connection = await Janode.connect({
        address: options.apiSecret === undefined ? { url: options.url } : { url: options.url, apisecret: options.apiSecret },
        max_retries: Math.max(0, (options.connectAttempts ?? 5) - 1),
        retry_time_secs: options.connectRetrySeconds ?? 2,
      });
    } catch (error) {
      throw JanusError.from(error, `connect to ${options.url}`);
    }
    try {
      const session = await withDeadline('create session', requestTimeoutMs, () => connection.create(KEEPALIVE_SECONDS));
      const manager = await withDeadline('attach room manager', requestTimeoutMs, () => session.attach(VideoRoomPlugin));
      logger.log(`Connected to Janus at ${options.url} (session ${session.id})`);
      return new JanusSfu(connection, session, manager, options, logger, requestTimeoutMs);
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw JanusError.from(error, `open a session on ${options.url}`);
    }
  }

  get healthy(): boolean {
    return this.up && this.closing === null;
  }

  /** Publisher and subscriber handles open in Janus right now (not counting the room manager). */
  get openHandles(): number {
    return this.context.openHandles();
  }

  /** Rooms this gateway holds in Janus right now. */
  get openRooms(): number {
    return [...this.live.values()].filter((room) => !room.destroyed).length;
  }

  /** Publishers this gateway has joined in Janus right now: the load it puts on this Janus. */
  get publishers(): number {
    let count = 0;
    for (const room of this.live.values()) if (!room.destroyed) count += room.publisherCount;
    return count;
  }

  /**
   * The same room for the same key while it lives; concurrent calls share one
   * creation, and a call racing the room's destroy() waits for it and
   * creates a fresh one.
   */
  createRoom(roomKey: string, options: SfuRoomOptions): Promise<SfuRoom> {
    const live = this.live.get(roomKey);
    if (live !== undefined && !live.destroyed) return Promise.resolve(live);
    const pending = this.creating.get(roomKey);
    if (pending !== undefined) return pending;
    const creating = (async () => {
      await live?.destroy();
      return this.openRoom(roomKey, options);
    })();
    this.creating.set(roomKey, creating);
    creating
      .then((room) => this.live.set(roomKey, room))
      .catch(() => undefined)
      .finally(() => {
        if (this.creating.get(roomKey) === creating) this.creating.delete(roomKey);
      });
    return creating;
  }

  /**
   * Asks Janus for its info within `deadlineMs`; false when no answer came in
   * time. One miss is no verdict (a busy machine can hold a reply up for
   * seconds): ReconnectingSfu declares Janus lost after several in a row.
   */
  async ping(deadlineMs: number): Promise<boolean> {
    if (!this.healthy) return false;
    try {
      await withDeadline('ping', deadlineMs, () => this.connection.getInfo());
      return true;
    } catch (error) {
      this.logger.warn(`Janus did not answer a ping (${error instanceof Error ? error.message : String(error)})`);
      return false;
    }
  }

  onConnectionChange(listener: (up: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Destroys every room (closing its handles), then the session and the socket. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async openRoom(roomKey: string, options: SfuRoomOptions): Promise<JanusRoom> {
    const manager = this.manager;
    if (this.closing !== null || !this.up || manager === null) {
      throw new JanusError(`Cannot create room ${roomKey}: Janus is unreachable`);
    }
    const secret = this.options.roomSecret(roomKey);
    const pin = roomPin(secret);
    try {
      await this.context.call(`create room ${roomKey}`, () =>
        manager.create({
          room: roomKey,
          description: `parley:${roomKey}`,
          max_publishers: options.maxPublishers,
          permanent: false,
          is_private: true,
          secret,
          pin,
          admin_key: this.options.adminKey,
          bitrate: PUBLISHER_BITRATE,
          audiocodec: 'opus',
          // VP8 first (every browser simulcasts it); H.264 for a browser that
          // offers only that, in the constrained baseline profile every
          // WebRTC H.264 decoder (Safari's hardware one included) takes.
          videocodec: 'vp8,h264',
          h264_profile: H264_CONSTRAINED_BASELINE,
          talking_events: true,
          // Talking = average level above -35 dBov over 40 packets (0.8 s of
          // Opus at 20 ms): quicker than Janus's 25/100 (2 s) default, still
          // deaf to a keyboard.
          talking_level_threshold: TALKING_LEVEL_DBOV,
          talking_packets_threshold: TALKING_PACKETS,
          require_pvtid: true,
          notify_joining: false,
        }),
      );
    } catch (error) {
      if (!(error instanceof JanusError && error.is(JanusErrorCode.RoomExists))) throw error;
      this.logger.warn(`Janus room ${roomKey} already exists (left by an earlier gateway, or made by another); adopting it`);
    }
    const room: JanusRoom = new JanusRoom(roomKey, secret, pin, this.context, () => this.manager, () => {
      if (this.live.get(roomKey) === room) this.live.delete(roomKey);
    });
    return room;
  }

  /**
   * The connection or the session is gone: janode has already detached every
   * handle, so rooms are forgotten (their destroy() becomes local cleanup).
   * An instance never comes back: ReconnectingSfu replaces it with a new one.
   */
  private lost(reason: string): void {
    if (!this.up || this.closing !== null) return;
    this.up = false;
    this.manager = null;
    this.logger.error(`Janus ${this.options.url}: ${reason}`);
    for (const room of this.live.values()) void room.destroy();
    this.live.clear();
    this.notify(false);
  }

  private notify(up: boolean): void {
    for (const listener of this.listeners) {
      try {
        listener(up);
      } catch (error) {
        this.logger.error(`Janus connection listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private async doClose(): Promise<void> {
    // Rooms still being created are destroyed once they exist.
    await Promise.all([...this.creating.values()].map((creating) => creating.catch(() => undefined)));
    await Promise.all([...this.live.values()].map((room) => room.destroy()));
    this.live.clear();
    if (this.up) {
      const manager = this.manager;
      this.manager = null;
      if (manager !== null) await this.context.call('detach room manager', () => manager.detach()).catch(() => undefined);
      await this.context
        .call('destroy session', () => this.session.destroy())
        .catch((error: unknown) => this.logger.warn(`${error instanceof Error ? error.message : String(error)} (closing anyway)`));
    }
    await this.connection.close().catch((error: unknown) => {
      // After a loss the socket is usually closed already.
      if (this.up) this.logger.warn(`Closing the Janus connection: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.listeners.clear();
  }
}
