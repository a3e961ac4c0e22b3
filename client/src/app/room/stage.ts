import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, inject, input, signal } from '@angular/core';
import { Icon } from '../ui/icon';
import { gridGeometry, pageSizeFor } from './grid-layout';
import { MediaTrack } from '../ui/media-track';
import { NetworkQualityMonitor } from './network-quality-monitor';
import { pageOf } from './pages';
import { ParticipantTile } from './participant-tile';
import { gridItems, presentationGeometry, presentationItems, speakerItems, type PresentationGeometry } from './presentation-layout';
import { handQueue } from '../core/call/raised-hands';
import type { ScreenTile } from './screen-tile';
import { SharedScreen } from './shared-screen';
import { speakerGeometry, type SpeakerGeometry } from './speaker-layout';
import { SpeakerStore } from '../core/call/speaker-state';
import type { ShownLayout } from './stage-layout';
import type { Tile } from './tile';

/** Space between tiles; must match `--gap` in stage.css. */
const GAP_PX = 8;
/** Height of the pager row under a paginated grid (stage.css `.pager`). */
const PAGER_PX = 52;

/**
 * Where the tiles go: the grid (everyone alike, paginated past a page of
 * tiles, a shared screen next to its owner), the speaker layout (the active
 * speaker large, the others in a scrolling strip) or the presentation layout
 * (the latest shared screen large, other screens and people in the strip).
 * It measures its own box, so the layout follows the space it really has
 * (side panels open, phone rotated), not the viewport. Shared screens' sound
 * plays here, whichever layout or page shows their pictures.
 */
@Component({
  selector: 'parley-stage',
  imports: [ParticipantTile, SharedScreen, MediaTrack, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-layout]': 'layout()' },
  templateUrl: './stage.html',
  styleUrl: './stage.css',
})
export class Stage {
  /** Everyone's tile, oneself first (as `buildTiles` makes them). */
  readonly tiles = input.required<readonly Tile[]>();
  /** Others' shared screens, oldest share first (as `buildScreenTiles` orders them). */
  readonly screens = input<readonly ScreenTile[]>([]);
  readonly layout = input.required<ShownLayout>();

  private readonly speakers = inject(SpeakerStore);
  private readonly quality = inject(NetworkQualityMonitor);
  private readonly size = signal({ width: 0, height: 0 });
  private readonly requestedPage = signal(0);

  protected readonly speaking = this.speakers.speaking;
  protected readonly qualities = this.quality.byParticipant;
  protected readonly ordered = computed(() => gridItems(this.tiles(), this.screens()));
  protected readonly hands = computed(() => handQueue(this.tiles(), (tile) => tile.participantId));

  /** The grid's page: a full page fits the whole box; past it a pager row takes its share. */
  protected readonly page = computed(() => {
    const { width, height } = this.size();
    const count = this.ordered().length;
    const fits = pageSizeFor(width, height, GAP_PX) >= count;
    const size = fits ? count : pageSizeFor(width, height - PAGER_PX, GAP_PX);
    return pageOf(this.ordered(), size, this.requestedPage());
  });
  protected readonly grid = computed(() => {
    const { width, height } = this.size();
    const page = this.page();
    return gridGeometry(page.items.length, width, page.count > 1 ? height - PAGER_PX : height, GAP_PX);
  });

  /**
   * The large tile and the strip: in the presentation layout the latest
   * shared screen; in the speaker layout the active speaker, else the first
   * other person, else oneself.
   */
  protected readonly large = computed(() =>
    this.layout() === 'presentation'
      ? presentationItems(this.tiles(), this.screens())
      : speakerItems(this.tiles(), this.screens(), this.speakers.featured()),
  );
  protected readonly largeSizes = computed(() => {
    const { width, height } = this.size();
    const geometry = this.layout() === 'presentation' ? presentationGeometry : speakerGeometry;
    return geometry(width, height, this.large().strip.length, GAP_PX);
  });

  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) this.size.set({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(host);
    inject(DestroyRef).onDestroy(() => observer.disconnect());
  }

  /** Whether the strip wraps into rows (the presentation layout on an upright screen). */
  protected wraps(sizes: SpeakerGeometry | PresentationGeometry): boolean {
    return 'stripWraps' in sizes && sizes.stripWraps;
  }

  protected showPage(index: number): void {
    this.requestedPage.set(Math.max(0, Math.min(index, this.page().count - 1)));
  }
}
