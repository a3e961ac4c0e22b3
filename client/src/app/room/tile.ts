import type { ParticipantInfo } from '@parley/protocol';
import type { RemoteTrack } from '../core/webrtc/remote-tracks';

/**
 * One tile of the call grid. It may be a placeholder (no tracks yet): a
 * participant appears as soon as the roster says so, and their media joins
 * the tile when the subscriber connection delivers it.
 */
export interface Tile {
  readonly participantId: string;
  readonly name: string;
  readonly isSelf: boolean;
  readonly audioMuted: boolean;
  /** True when the camera is off or absent: the tile shows initials. */
  readonly videoMuted: boolean;
  readonly video: MediaStreamTrack | null;
  /** Remote audio to play; always null for one's own tile (no echo). */
  readonly audio: MediaStreamTrack | null;
  /** When they raised their hand (ms since the epoch), or null. */
  readonly handRaisedAt: number | null;
  /** True for a host of the meeting (the tile shows a "Host" badge). */
  readonly isHost?: boolean;
}

/** One's own tile, from local state so it reacts without a round trip. */
export interface SelfTileInput {
  readonly participantId: string;
  readonly name: string;
  readonly sendingAudio: boolean;
  readonly video: MediaStreamTrack | null;
  /** From the gateway's answer to raising it; absent (lowered) before the join. */
  readonly handRaisedAt?: number | null;
  /** From the roster; absent (a guest) before the join. */
  readonly isHost?: boolean;
}

/** The grid: oneself first, then everyone else in the order they joined. */
export function buildTiles(
  self: SelfTileInput,
  others: readonly ParticipantInfo[],
  tracks: readonly RemoteTrack[],
): Tile[] {
  const own: Tile = {
    participantId: self.participantId,
    name: self.name,
    isSelf: true,
    audioMuted: !self.sendingAudio,
    videoMuted: self.video === null,
    video: self.video,
    audio: null,
    handRaisedAt: self.handRaisedAt ?? null,
    isHost: self.isHost ?? false,
  };
  return [
    own,
    ...others.map((info): Tile => {
      const video = tracks.find((t) => t.participantId === info.id && t.source === 'camera')?.track ?? null;
      const audio = tracks.find((t) => t.participantId === info.id && t.source === 'microphone')?.track ?? null;
      return {
        participantId: info.id,
        name: info.name,
        isSelf: false,
        audioMuted: info.audioMuted,
        videoMuted: info.videoMuted || video === null,
        video,
        audio,
        handRaisedAt: info.handRaisedAt,
        isHost: info.role === 'host',
      };
    }),
  ];
}
