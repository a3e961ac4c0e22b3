import type { Logger } from '@nestjs/common';
import type { ParticipantId, ParticipantInfo, PublishedTrack, PushName, RidOrder, Sdp, ServerToClientEvents, ValidRequest } from '@parley/protocol';
import type { Config } from '../config/config';
import { DomainError } from '../errors';
import type { PublishedTrackInfo, RoomMember } from './member';
import type { LocalParticipant } from './participant';
import type { Pusher } from './pusher';
import type { Room } from './room';
import type { SfuPublisher } from './sfu';
import { SubscriberSession } from './subscriber-session';

/**
 * The media side of the rooms domain: each participant's SFU publisher and
 * subscriber session, what they publish, and the room's voice activity.
 * Subscribers take every other participant's streams from the room's SFU
 * room by feed id, whichever gateway holds that participant.
 */
export class RoomMedia {
  constructor(
    private readonly config: Config,
    private readonly pusher: Pusher,
    private readonly logger: Logger,
  ) {}

  /** A participant's SFU publisher and subscriber session in `room`. */
  async create(room: Room, participantId: ParticipantId, name: string): Promise<{ publisher: SfuPublisher; subscription: SubscriberSession }> {
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

  /**
   * Publishes (or renegotiates) `participant`'s media and records what the SFU
   * accepted; returns the SFU's answer. Screens are capped per room.
   */
  async publish(room: Room, participant: LocalParticipant, offer: Sdp, tracks: readonly PublishedTrack[], ridOrder?: RidOrder): Promise<Sdp> {
    const sharing = (p: RoomMember) => [...p.published.values()].some((t) => t.source === 'screen');
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
    this.syncOthers(room, participant);
    return answer;
  }

  /** Every subscriber on this gateway but `changed`'s own follows the room (mirrors have none here). */
  syncOthers(room: Room, changed?: RoomMember): void {
    for (const other of room.locals) if (other !== changed) other.subscription.sync();
  }

  /** Drops what `participant` publishes; the SFU side completes in the returned promise. */
  unpublish(room: Room, participant: LocalParticipant): Promise<void> {
    participant.published = new Map();
    // The next publish brings a new PeerConnection, not up at first.
    participant.feedReady = false;
    this.syncOthers(room, participant);
    return participant.publisher.unpublish();
  }

  /** Applies a participant's own state change (mute, camera, hand); returns their new info (the caller publishes the change). */
  async update(room: Room, participant: LocalParticipant, change: ValidRequest<'participant.update'>): Promise<ParticipantInfo> {
    if (change.audioMuted === false && participant.hostMuted) await this.liftHostMute(room, participant);
    if (change.audioMuted !== undefined) participant.audioMuted = change.audioMuted;
    if (change.videoMuted !== undefined) participant.videoMuted = change.videoMuted;
    if (change.handRaised === false) participant.handRaisedAt = null;
    // Raising an already raised hand keeps its place in the queue.
    if (change.handRaised === true) participant.handRaisedAt ??= Date.now();
    return participant.info();
  }

  /** The participant unmutes themselves after a host mute: the SFU forwards their microphone again. */
  async liftHostMute(room: Room, participant: LocalParticipant): Promise<void> {
    for (const track of participant.published.values()) {
      if (track.source === 'microphone') await room.sfu.moderate(participant.feedId, track.mid, false);
    }
    participant.hostMuted = false;
  }

  /**
   * Relays the SFU's voice-activity changes in `room` as `speaker.changed`.
   * Every gateway serving the room hears every talker; each keeps the state,
   * and only a talker's own gateway tells everyone.
   */
  watchTalking(room: Room): void {
    room.sfu.onTalking((feedId, talking) => {
      const speaker = room.byFeed(feedId);
      if (speaker === undefined || !room.setTalking(speaker.id, talking)) return;
      if (speaker.local) this.broadcast(room, 'speaker.changed', room.speakers);
    });
  }

  /** Pushes `event` to everyone in the room (through their own gateway when they are elsewhere). */
  broadcast<E extends PushName>(room: Room, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    this.pusher.pushToRoom(room, null, event, ...args);
  }

  broadcastExcept<E extends PushName>(room: Room, except: ParticipantId, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    this.pusher.pushToRoom(room, except, event, ...args);
  }

  /** Pushes `event` to this gateway's own people in the room only. */
  broadcastLocal<E extends PushName>(room: Room, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    for (const participant of room.locals) this.pusher.push(participant.id, event, ...args);
  }
}
