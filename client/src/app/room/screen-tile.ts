import type { ParticipantInfo } from '@parley/protocol';
import type { RemoteTrack } from '../core/webrtc/remote-tracks';

/** Someone's shared screen as the stage shows it: a tile of its own, beside their camera's. */
export interface ScreenTile {
  /** Unique among the stage's tiles (a person's tile is keyed by their participant id). */
  readonly key: string;
  readonly participantId: string;
  /** Whose screen it is. */
  readonly name: string;
  readonly video: MediaStreamTrack;
  /** The tab or system sound shared with it, if the browser offered any. */
  readonly audio: MediaStreamTrack | null;
}

/** The key of `participantId`'s screen tile. */
export function screenKey(participantId: string): string {
  return `${participantId}/screen`;
}

/**
 * A tile per remote screen being received, in `order` (participant ids,
 * oldest share first); a screen missing from `order` comes last. A screen
 * whose owner is no longer in the roster is left out (they are leaving).
 */
export function buildScreenTiles(
  others: readonly ParticipantInfo[],
  tracks: readonly RemoteTrack[],
  order: readonly string[],
): ScreenTile[] {
  const tiles: ScreenTile[] = [];
  for (const track of tracks) {
    if (track.source !== 'screen' || track.kind !== 'video') continue;
    const owner = others.find((info) => info.id === track.participantId);
    if (!owner) continue;
    const audio = tracks.find((t) => t.participantId === owner.id && t.source === 'screen-audio')?.track ?? null;
    tiles.push({ key: screenKey(owner.id), participantId: owner.id, name: owner.name, video: track.track, audio });
  }
  const rank = (tile: ScreenTile) => {
    const index = order.indexOf(tile.participantId);
    return index === -1 ? order.length : index;
  };
  return tiles.sort((a, b) => rank(a) - rank(b));
}
