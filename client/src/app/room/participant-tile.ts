import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { Icon } from '../icons/icon';
import { MediaTrack } from './media-track';
import { initialsOf, type Tile } from './tile';

/** Avatar colours, picked by a hash of the participant id so a person keeps theirs. */
const AVATAR_HUES = [232, 262, 190, 160, 20, 330, 45, 295];

/**
 * One person in the grid: their video (mirrored for oneself), or their
 * initials while the camera is off; their name; a muted-microphone mark.
 * Remote audio plays through its own `<audio>` element so the video can stay
 * muted (muted video is always allowed to autoplay).
 */
@Component({
  selector: 'parley-participant-tile',
  imports: [Icon, MediaTrack],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'group',
    '[attr.aria-label]': 'tile().name',
    '[attr.data-participant-id]': 'tile().participantId',
    '[attr.data-self]': 'tile().isSelf ? "true" : null',
    '[class.self]': 'tile().isSelf',
  },
  template: `
    @let t = tile();
    @if (t.video && !t.videoMuted) {
      @if (t.isSelf) {
        <video class="mirrored" autoplay playsinline [muted]="true" data-local="true" data-source="camera" [parleyTrack]="t.video"></video>
      } @else {
        <video
          autoplay
          playsinline
          [muted]="true"
          [attr.data-participant-id]="t.participantId"
          data-source="camera"
          [parleyTrack]="t.video"
        ></video>
      }
    } @else {
      <div class="avatar" [style.--hue]="hue()" aria-hidden="true">{{ initials() }}</div>
    }
    @if (t.audio) {
      <audio autoplay [attr.data-participant-id]="t.participantId" data-source="microphone" [parleyTrack]="t.audio"></audio>
    }
    <div class="label">
      @if (t.audioMuted) {
        <span class="muted" title="Microphone muted">
          <parley-icon name="mic-off" />
          <span class="visually-hidden">Microphone muted</span>
        </span>
      }
      <span class="name">{{ t.name }}@if (t.isSelf) {<span class="you"> (You)</span>}</span>
    </div>
  `,
  styleUrl: './participant-tile.css',
})
export class ParticipantTile {
  readonly tile = input.required<Tile>();

  protected readonly initials = computed(() => initialsOf(this.tile().name));
  protected readonly hue = computed(() => {
    let hash = 0;
    for (const char of this.tile().participantId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    return AVATAR_HUES[hash % AVATAR_HUES.length] ?? AVATAR_HUES[0];
  });
}
