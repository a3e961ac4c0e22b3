import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Reactions } from '../core/call/reactions';
import { mirrorsPreview } from '../core/webrtc/camera-flip';
import { Icon } from '../ui/icon';
import { MediaTrack } from '../ui/media-track';
import type { QualityReport } from './network-quality-monitor';
import { ReportedVideo } from './reported-video';
import { initialsOf } from '../ui/initials';
import type { Tile } from './tile';

/** Avatar colours, picked by a hash of the participant id so a person keeps theirs. */
const AVATAR_HUES = [232, 262, 190, 160, 20, 330, 45, 295];

/**
 * One person in the grid: their video (mirrored for oneself), or their
 * initials while the camera is off; their name; a muted-microphone mark; a
 * ring while they talk; a raised hand with its place in the queue; their
 * connection quality, with the numbers behind it on hover or focus.
 * Remote audio plays through its own `<audio>` element so the video can stay
 * muted (muted video is always allowed to autoplay).
 */
@Component({
  selector: 'parley-participant-tile',
  imports: [Icon, MediaTrack, ReportedVideo],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'group',
    '[attr.aria-label]': 'tile().name',
    // The name stays the label (tests and people find a tile by it); what they are doing is its description.
    '[attr.aria-describedby]': 'stateId()',
    '[attr.data-participant-id]': 'tile().participantId',
    '[attr.data-self]': 'tile().isSelf ? "true" : null',
    '[class.self]': 'tile().isSelf',
    '[class.speaking]': 'speaking()',
    '[attr.data-speaking]': 'speaking() ? "true" : null',
    '[attr.data-hand-raised]': 'handPosition() !== null ? "true" : null',
  },
  template: `
    @let t = tile();
    @if (t.video && !t.videoMuted) {
      @if (t.isSelf) {
        <video [class.mirrored]="mirrored()" autoplay playsinline [muted]="true" data-local="true" data-source="camera" [parleyTrack]="t.video"></video>
      } @else {
        <video
          autoplay
          playsinline
          [muted]="true"
          [attr.data-participant-id]="t.participantId"
          data-source="camera"
          [parleyTrack]="t.video"
          [parleyReportedVideo]="t.participantId"
        ></video>
      }
    } @else {
      <div class="avatar" [style.--hue]="hue()" aria-hidden="true">{{ initials() }}</div>
    }
    @if (t.audio) {
      <audio autoplay [attr.data-participant-id]="t.participantId" data-source="microphone" [parleyTrack]="t.audio"></audio>
    }
    @if (handPosition(); as position) {
      <span class="hand" role="img" [attr.aria-label]="'Hand raised, number ' + position" [title]="'Hand raised (' + position + ')'">
        <parley-icon name="hand" />
        <span aria-hidden="true">{{ position }}</span>
      </span>
    }
    @if (quality(); as q) {
      <span class="quality" tabindex="0" role="img" [attr.data-quality]="q.level" [attr.aria-label]="qualityLabel()">
        <span class="bars" aria-hidden="true"><i></i><i></i><i></i></span>
        <span class="details" aria-hidden="true">{{ qualityLabel() }}</span>
      </span>
    }
    <!-- Read out by the reaction bar's live region; here only seen. -->
    @for (reaction of reactions(); track reaction.id) {
      <span class="reaction" aria-hidden="true" data-reaction>{{ reaction.emoji }}</span>
    }
    <span class="visually-hidden" [id]="stateId()">{{ stateText() }}</span>
    <div class="label">
      @if (t.audioMuted) {
        <span class="muted" title="Microphone muted">
          <parley-icon name="mic-off" />
          <span class="visually-hidden">Microphone muted</span>
        </span>
      }
      <span class="name">{{ t.name }}@if (t.isSelf) {<span class="you"> (You)</span>}</span>
      @if (t.isHost) {
        <span class="host-badge" data-host>Host</span>
      }
    </div>
  `,
  styleUrl: './participant-tile.css',
})
export class ParticipantTile {
  readonly tile = input.required<Tile>();
  /** True while they are talking (from the gateway's speaker events). */
  readonly speaking = input(false);
  /** Their place in the raised-hand queue (1 = first), or null when their hand is down. */
  readonly handPosition = input<number | null>(null);
  /** Their connection, or null before the first measurement. */
  readonly quality = input<QualityReport | null>(null);

  private readonly allReactions = inject(Reactions, { optional: true });
  /** Their reactions floating over the tile now. */
  protected readonly reactions = computed(() => this.allReactions?.shown().filter((r) => r.participantId === this.tile().participantId) ?? []);

  protected readonly qualityLabel = computed(() => {
    const q = this.quality();
    return q ? describeQuality(q) : '';
  });

  /** One's own camera shows as in a mirror, except the back camera of a phone (text there must read right). */
  protected readonly mirrored = computed(() => mirrorsPreview(this.tile().video));
  protected readonly stateId = computed(() => `parley-tile-state-${this.tile().participantId}`);
  protected readonly stateText = computed(() =>
    describeTileState(this.tile(), { speaking: this.speaking(), handPosition: this.handPosition() }),
  );

  protected readonly initials = computed(() => initialsOf(this.tile().name));
  protected readonly hue = computed(() => {
    let hash = 0;
    for (const char of this.tile().participantId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    return AVATAR_HUES[hash % AVATAR_HUES.length] ?? AVATAR_HUES[0];
  });
}

/**
 * What a screen reader says about a tile after the name: "You, microphone
 * muted, camera off, hand raised, number 2 in line, speaking".
 */
export function describeTileState(
  tile: Pick<Tile, 'isSelf' | 'isHost' | 'audioMuted' | 'videoMuted'>,
  live: { readonly speaking: boolean; readonly handPosition: number | null },
): string {
  const facts = [
    tile.isSelf ? 'You' : null,
    tile.isHost ? 'host' : null,
    tile.audioMuted ? 'microphone muted' : 'microphone on',
    tile.videoMuted ? 'camera off' : 'camera on',
    live.handPosition === null ? null : `hand raised, number ${live.handPosition} in line`,
    live.speaking ? 'speaking' : null,
  ].filter((fact) => fact !== null);
  const text = facts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Network good: 0.4 % packet loss, 32 ms round trip, video 420 kbit/s", leaving out what is unknown. */
export function describeQuality(q: QualityReport): string {
  const facts = [
    q.lossPercent === null ? null : `${q.lossPercent} % packet loss`,
    q.rttMs === null ? null : `${q.rttMs} ms round trip`,
    q.videoKbps === null || !q.videoExpected ? null : `video ${q.videoKbps} kbit/s`,
  ].filter((fact) => fact !== null);
  return `Network ${q.level}${facts.length ? `: ${facts.join(', ')}` : ''}`;
}
