/**
 * Hand-written typings for the parts of janode 1.8 that Parley uses (janode
 * ships none). They follow node_modules/janode/src/{janode,connection,session,
 * handle}.js and src/plugins/videoroom-plugin.js; keep them to what
 * api/src/janus/ calls, so a janode upgrade shows every use that may break.
 */

declare module 'janode' {
  import type { EventEmitter } from 'node:events';

  /** One Janus server address. */
  export interface JanodeServerAddress {
    readonly url: string;
    readonly apisecret?: string;
    readonly token?: string;
  }

  /** `Janode.connect()` configuration. */
  export interface JanodeConfig {
    readonly address: JanodeServerAddress | readonly JanodeServerAddress[];
    /** Seconds between connection attempts (default 10). */
    readonly retry_time_secs?: number;
    /** Attempts after the first before `connect()` rejects (default 5). */
    readonly max_retries?: number;
    readonly is_admin?: boolean;
  }

  /** A JSEP offer or answer as Janus carries it. */
  export interface Jsep {
    type: 'offer' | 'answer';
    sdp: string;
    e2ee?: boolean;
    /** Simulcast: the offer lists its rids high→low (`hml`, Janus's default) or low→high (`lmh`). */
    rid_order?: 'hml' | 'lmh';
  }

  /** An ICE candidate for `Handle.trickle()`; `{ completed: true }` ends them. */
  export type TrickleCandidate =
    | { readonly candidate: string; readonly sdpMid?: string; readonly sdpMLineIndex?: number }
    | { readonly completed: true };

  /** A raw message from Janus, as `Handle.message()` resolves it. */
  export interface JanusMessage {
    readonly janus: string;
    readonly transaction?: string;
    readonly sender?: number;
    readonly plugindata?: {
      readonly plugin: string;
      readonly data: { readonly [key: string]: unknown };
    };
    readonly jsep?: Jsep;
  }

  /** The events janode emits on connections, sessions and handles. */
  export interface JanodeEvents {
    readonly CONNECTION_CLOSED: 'connection_closed';
    readonly CONNECTION_ERROR: 'connection_error';
    readonly SESSION_DESTROYED: 'session_destroyed';
    readonly HANDLE_DETACHED: 'handle_detached';
    readonly HANDLE_HANGUP: 'handle_hangup';
    readonly HANDLE_ICE_FAILED: 'handle_ice_failed';
    readonly HANDLE_WEBRTCUP: 'handle_webrtcup';
    readonly HANDLE_MEDIA: 'handle_media';
    readonly HANDLE_SLOWLINK: 'handle_slowlink';
    readonly HANDLE_TRICKLE: 'handle_trickle';
  }

  /** One WebSocket to Janus. Emits CONNECTION_ERROR on unexpected loss. */
  export interface Connection extends EventEmitter {
    readonly id: number;
    /** Creates a Janus session that janode keeps alive every `kaIntervalSecs`. */
    create(kaIntervalSecs?: number): Promise<Session>;
    /** Closes the socket gracefully (emits CONNECTION_CLOSED). */
    close(): Promise<void>;
    /** Janus's `info` request: server name, version, plugins. */
    getInfo(): Promise<Record<string, unknown>>;
  }

  /** A Janus session. Emits SESSION_DESTROYED when Janus or janode ends it. */
  export interface Session extends EventEmitter {
    readonly id: number;
    attach<H extends Handle>(descriptor: PluginDescriptor<H>): Promise<H>;
    destroy(): Promise<void>;
  }

  /** A plugin handle. Emits HANDLE_DETACHED once, when detached for any reason. */
  export interface Handle extends EventEmitter {
    readonly id: number;
    readonly session: Session;
    /** Sends a plugin message; resolves with Janus's raw reply (or async event). */
    message(body: object, jsep?: Jsep): Promise<JanusMessage>;
    /** `null` sends end-of-candidates. */
    trickle(candidate: TrickleCandidate | null): Promise<void>;
    trickleComplete(): Promise<void>;
    /** Closes the handle's PeerConnection (core `hangup`), keeping the handle. */
    hangup(): Promise<JanusMessage>;
    /** Rejects "already detached" / "detaching already in progress"; otherwise never rejects. */
    detach(): Promise<void>;
  }

  /** What `Session.attach()` takes; each plugin module default-exports one. */
  export interface PluginDescriptor<H extends Handle> {
    readonly id: string;
    readonly Handle: new (session: Session, id: number) => H;
  }

  export type JanodeLogLevel = 'none' | 'error' | 'warning' | 'info' | 'verbose' | 'debug';

  /** janode's logger: console output with its own text prefix, one method per level (replaceable). */
  export interface JanodeLogger {
    setLevel(level: JanodeLogLevel): string;
    error(...args: unknown[]): void;
    warning(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    info(...args: unknown[]): void;
    verbose(...args: unknown[]): void;
    verb(...args: unknown[]): void;
    debug(...args: unknown[]): void;
  }

  const Janode: {
    connect(config: JanodeConfig): Promise<Connection>;
    /** janode's one, process-wide logger (printing to the console). */
    readonly Logger: JanodeLogger;
    readonly EVENT: JanodeEvents;
  };
  export default Janode;
}

declare module 'janode/plugins/videoroom' {
  import type { Handle, Jsep, PluginDescriptor } from 'janode';

  export type FeedId = number | string;
  export type RoomId = number | string;

  /** A publisher stream as Janus describes it (`configured` / `publishers`). */
  export interface JanusPublisherStream {
    readonly type: 'audio' | 'video' | 'data';
    readonly mindex: number;
    readonly mid: string;
    /** The m-line was rejected or is inactive; codec and description are then missing. */
    readonly disabled?: boolean;
    readonly description?: string;
    readonly codec?: string;
    readonly simulcast?: boolean;
  }

  /** One m-line of a multistream subscriber as Janus describes it. */
  export interface JanusSubscriberStream {
    readonly type: 'audio' | 'video' | 'data';
    readonly mindex: number;
    readonly mid: string;
    /** False once the publisher stream behind it is gone (the m-line is then recycled). */
    readonly active: boolean;
    readonly ready?: boolean;
    readonly send?: boolean;
    readonly feed_id?: FeedId;
    readonly feed_mid?: string;
    readonly feed_display?: string;
    readonly feed_description?: string;
    readonly codec?: string;
  }

  /** One entry of a subscriber's `streams` / `subscribe` / `unsubscribe` list. */
  export interface JanusStreamSelector {
    readonly feed: FeedId;
    readonly mid?: string;
  }

  export interface PublisherJoined {
    readonly room: RoomId;
    readonly feed: FeedId;
    readonly private_id: number;
    readonly display?: string;
  }

  export interface Configured {
    readonly room?: RoomId;
    readonly feed?: FeedId;
    readonly configured: string;
    readonly streams?: readonly JanusPublisherStream[];
    readonly jsep?: Jsep;
  }

  export interface SubscriberJoined {
    readonly room: RoomId;
    readonly streams?: readonly JanusSubscriberStream[];
    readonly jsep?: Jsep;
  }

  export interface RoomCreateParams {
    readonly room?: RoomId;
    readonly description?: string;
    readonly max_publishers?: number;
    readonly permanent?: boolean;
    readonly is_private?: boolean;
    readonly secret?: string;
    /** Needed by every join (publisher or subscriber) once set. */
    readonly pin?: string;
    readonly admin_key?: string;
    readonly bitrate?: number;
    readonly audiocodec?: string;
    readonly videocodec?: string;
    /** The H.264 `profile-level-id` to answer with when the offer lists several. */
    readonly h264_profile?: string;
    /** janode's name for VideoRoom's `audiolevel_event`. */
    readonly talking_events?: boolean;
    readonly talking_level_threshold?: number;
    readonly talking_packets_threshold?: number;
    readonly require_pvtid?: boolean;
    readonly notify_joining?: boolean;
  }

  export interface VideoRoomHandle extends Handle {
    /** The feed id (publishers) once joined. */
    feed: FeedId | null;
    room: RoomId | null;

    create(params: RoomCreateParams): Promise<{ readonly room: RoomId; readonly permanent?: boolean }>;
    destroy(params: { room: RoomId; secret?: string; permanent?: boolean }): Promise<{ readonly room: RoomId }>;
    exists(params: { room: RoomId }): Promise<{ readonly room: RoomId; readonly exists: boolean }>;

    joinPublisher(params: { room: RoomId; feed?: FeedId; display?: string; pin?: string }): Promise<PublisherJoined>;
    /** First publication (Janus 434 if already publishing). Janode hangs up on 429-437 but 434. */
    publish(params: { jsep: Jsep; descriptions?: ReadonlyArray<{ mid: string; description: string }> }): Promise<Configured>;
    /**
     * Publishers: renegotiation of a live publication when given a jsep (same
     * hang-up rule as publish). Subscribers: per-m-line `send` / `substream`.
     */
    configure(params: {
      jsep?: Jsep;
      descriptions?: ReadonlyArray<{ mid: string; description: string }>;
      streams?: ReadonlyArray<{ mid: string; send?: boolean; substream?: number }>;
    }): Promise<Configured>;
    unpublish(): Promise<{ readonly room?: RoomId; readonly feed?: FeedId }>;

    joinSubscriber(params: {
      room: RoomId;
      streams: readonly JanusStreamSelector[];
      private_id?: number;
      pin?: string;
      autoupdate?: boolean;
      use_msid?: boolean;
    }): Promise<SubscriberJoined>;
    start(params: { jsep: Jsep }): Promise<{ readonly started: string }>;

    leave(): Promise<{ readonly room?: RoomId; readonly feed?: FeedId }>;
  }

  /** janode's VIDEOROOM_TALKING payload (Janus `talking` / `stopped-talking`). */
  export interface TalkingEvent {
    readonly room: RoomId;
    readonly feed: FeedId;
    readonly talking: boolean;
    readonly audio_level?: number;
  }

  /** The VideoRoom events janode emits on a handle for async (unsolicited) messages. */
  export interface VideoRoomEvents {
    readonly VIDEOROOM_UPDATED: 'videoroom_updated';
    readonly VIDEOROOM_TALKING: 'videoroom_talking';
    readonly VIDEOROOM_DESTROYED: 'videoroom_destroyed';
    readonly VIDEOROOM_KICKED: 'videoroom_kicked';
    readonly VIDEOROOM_LEAVING: 'videoroom_leaving';
    readonly VIDEOROOM_UNPUBLISHED: 'videoroom_unpublished';
    readonly VIDEOROOM_ERROR: 'videoroom_error';
  }

  const VideoRoomPlugin: PluginDescriptor<VideoRoomHandle> & { readonly EVENT: VideoRoomEvents };
  export default VideoRoomPlugin;
}
