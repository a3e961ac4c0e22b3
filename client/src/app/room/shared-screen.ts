import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { Icon } from '../ui/icon';
import { MediaTrack } from '../ui/media-track';
import { ReportedVideo } from './reported-video';
import type { ScreenTile } from './screen-tile';

/**
 * Someone's shared screen: the whole of it, letterboxed rather than cropped
 * (text at the edges matters), with whose it is. Its video is reported to
 * the gateway like a camera's, which pauses it while nobody here sees it.
 * Its sound, if any, plays from the stage, whatever the layout.
 */
@Component({
  selector: 'parley-shared-screen',
  imports: [Icon, MediaTrack, ReportedVideo],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'group',
    '[attr.aria-label]': 'label()',
    '[attr.data-screen-of]': 'screen().participantId',
  },
  template: `
    @let s = screen();
    <video
      autoplay
      playsinline
      [muted]="true"
      [attr.data-participant-id]="s.participantId"
      data-source="screen"
      [parleyTrack]="s.video"
      [parleyReportedVideo]="s.participantId"
      reportedSource="screen"
    ></video>
    <div class="label">
      <parley-icon name="screen-share" />
      <span class="name">{{ label() }}</span>
    </div>
  `,
  styles: `
    :host {
      position: relative;
      display: block;
      min-width: 0;
      min-height: 0;
      overflow: hidden;
      border-radius: var(--radius);
      background: #06070a;
      isolation: isolate;
    }
    video {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: contain;
    }
    .label {
      position: absolute;
      left: 10px;
      bottom: 10px;
      max-width: calc(100% - 20px);
      display: flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px 4px 8px;
      border-radius: 8px;
      background: rgb(10 12 18 / 0.62);
      backdrop-filter: blur(6px);
      font-size: 0.875rem;
      font-weight: 500;
      line-height: 1.4;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `,
})
export class SharedScreen {
  readonly screen = input.required<ScreenTile>();

  protected readonly label = computed(() => `${this.screen().name}'s screen`);
}
