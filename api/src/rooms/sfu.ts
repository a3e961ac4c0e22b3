import type { IceCandidate, RidOrder, Sdp } from '@parley/protocol';

/**
 * The SFU as the rooms domain sees it. `api/src/janus/` implements it over
 * janode; nothing outside that folder knows Janus exists. Every method rejects
 * with an `SfuError` (see `sfu-error.ts`) on failure.
 */
export interface Sfu {
  /** True while at least one SFU server is reachable: rooms can be created. */
  readonly healthy: boolean;

  /** The SFU servers behind this port (one per Janus instance), for readiness and metrics. */
  readonly instances: readonly SfuInstance[];

  /**
   * Creates the SFU room for a Parley room (idempotent per `roomKey`), on
   * the server the room is placed on: a new room goes to the least-loaded
   * reachable one.
   */
  createRoom(roomKey: string, options: SfuRoomOptions): Promise<SfuRoom>;

  /**
   * The SFU as a whole went away (`false`: no server is reachable, every
   * SFU room is gone) or came back (`true`: rooms can be created again).
   */
  onConnectionChange(listener: (up: boolean) => void): () => void;

  /**
   * One room's SFU room was lost with the server it lived on, while another
   * server is up: the room should be created again (`createRoom` places it
   * on a reachable server) and its clients publish again. Rooms on other
   * servers are not concerned. Losing every server is reported by
   * `onConnectionChange` instead, never room by room.
   */
  onRoomLost(listener: (roomKey: string) => void): () => void;

  /** Closes every handle and the connection. Idempotent. */
  close(): Promise<void>;
}

/** One SFU server behind the port. */
export interface SfuInstance {
  /** How operators know it: its API URL (labels metrics, names it in logs and /readyz). */
  readonly name: string;
  /** True while the gateway's connection to it is up. */
  readonly healthy: boolean;
  /** SFU rooms the gateway holds on it now. */
  readonly roomCount: number;
  /** Its connection was lost (`false`) or is back (`true`). */
  onConnectionChange(listener: (up: boolean) => void): () => void;
}

export interface SfuRoomOptions {
  /** Maximum number of publishers the SFU admits. */
  readonly maxPublishers: number;
}

/** One SFU room. Owns the publishers and subscribers created through it. */
export interface SfuRoom {
  /**
   * The SFU server holding the room (its name, a Janus URL) when there may be
   * several (a pool); undefined for a single SFU. Feeds are only found in
   * the room on the same server.
   */
  readonly instance?: string;
  /** Joins as a publisher; media is sent later with `publish`. */
  createPublisher(participantId: string, displayName: string): Promise<SfuPublisher>;
  /** Creates the (initially empty) multistream subscriber of one participant. */
  createSubscriber(participantId: string): Promise<SfuSubscriber>;
  /**
   * Listens to the SFU's voice-activity detection: `talking` turns true when
   * a feed starts talking and false when it stops. Returns the unsubscriber.
   */
  onTalking(listener: (feedId: number | string, talking: boolean) => void): () => void;
  /**
   * Mutes (or unmutes) one m-line of a publisher in the SFU itself: a host
   * mute that no client can get around by re-enabling its track.
   */
  moderate(feedId: number | string, mid: string, muted: boolean): Promise<void>;
  /** Destroys the SFU room and every handle in it. Idempotent. */
  destroy(): Promise<void>;
  /**
   * Closes this gateway's handles and forgets the room, leaving it in the
   * SFU for the other gateways still serving it (a gateway shutting down).
   * Optional: without it the room is destroyed. Idempotent, like destroy().
   */
  release?(): Promise<void>;
}

/** How one subscriber m-line should be forwarded. */
export interface SfuStreamSetting {
  /** The m-line in the subscriber's SDP. */
  readonly mid: string;
  /** False pauses forwarding (nobody looks at it). */
  readonly send: boolean;
  /** Simulcast layer: 0 lowest … 2 highest; omitted keeps the current one. */
  readonly substream?: 0 | 1 | 2;
}

/** A stream the SFU accepted from a publisher. */
export interface SfuPublishedStream {
  /** The m-line in the publisher's own SDP. */
  readonly mid: string;
  readonly kind: 'audio' | 'video';
  /** Free text the publisher attached to the m-line (Parley puts the `MediaSource` here). */
  readonly description?: string;
  /**
   * True when the SFU receives this video as simulcast layers it can choose
   * between per subscriber; absent for a single encoding (a screen share).
   */
  readonly simulcast?: boolean;
}

/** How to read a publisher's offer beyond its SDP. */
export interface SfuPublishOptions {
  /** The order of the offer's simulcast rids, as the client read it; absent means `hml`. */
  readonly ridOrder?: RidOrder;
}

export interface SfuPublisher {
  /** The SFU's id for this publisher's feed; subscribers refer to it. */
  readonly feedId: number | string;
  /**
   * Sends an offer (first publish or renegotiation) and returns the answer and
   * the streams now published. `descriptions` label m-lines by mid.
   */
  publish(
    offer: Sdp,
    descriptions: ReadonlyArray<{ mid: string; description: string }>,
    options?: SfuPublishOptions,
  ): Promise<{
    answer: Sdp;
    streams: readonly SfuPublishedStream[];
  }>;
  /**
   * Resolves true once the SFU lets subscribers at this feed (its
   * PeerConnection is up), false after `timeoutMs` or when nothing is
   * published. Optional: an SFU without the wait lets subscribers at once.
   * Other gateways learn of a feed only then: their subscribers cannot wait
   * for a publisher they do not hold.
   */
  whenLive?(timeoutMs: number): Promise<boolean>;
  /** Stops publishing (keeps the handle). */
  unpublish(): Promise<void>;
  /** Relays a client ICE candidate; `null` ends the candidates. */
  trickle(candidate: IceCandidate): Promise<void>;
  /** Leaves and detaches the handle. Idempotent. */
  close(): Promise<void>;
}

/** One stream to add to or remove from a subscriber. */
export interface SfuStreamRef {
  readonly feedId: number | string;
  /** The publisher-side mid; omitted in an unsubscribe, it means the whole feed. */
  readonly mid?: string;
}

/** One m-line of a subscriber connection as the SFU reports it. */
export interface SfuSubscribedStream {
  /** The m-line in the subscriber's SDP. */
  readonly mid: string;
  readonly kind: 'audio' | 'video' | 'data';
  /** Whose stream it carries and which of their m-lines; absent when inactive. */
  readonly feedId?: number | string;
  readonly feedMid?: string;
  readonly active: boolean;
}

export interface SfuSubscriber {
  /**
   * Changes what the subscriber receives. Resolves with the SFU's new offer
   * (to be answered with `start`) or `null` when nothing needs renegotiating,
   * plus the full list of m-lines after the change.
   */
  update(
    subscribe: readonly SfuStreamRef[],
    unsubscribe: readonly SfuStreamRef[],
  ): Promise<{ offer: Sdp | null; streams: readonly SfuSubscribedStream[] }>;
  /** Sends the client's answer to the last offer. */
  start(answer: Sdp): Promise<void>;
  /** Pauses, resumes or changes the simulcast layer of m-lines; no renegotiation. */
  configure(settings: readonly SfuStreamSetting[]): Promise<void>;
  /** Relays a client ICE candidate; `null` ends the candidates. */
  trickle(candidate: IceCandidate): Promise<void>;
  /** Leaves and detaches the handle. Idempotent. */
  close(): Promise<void>;
}
