import type { MediaSource, RequestPayload } from '@parley/protocol';
import { type Observable, type SchedulerLike, asyncScheduler, debounceTime, distinctUntilChanged, filter, map } from 'rxjs';

/** How this client shows one remote video, as `media.view` carries it. */
export type MediaView = RequestPayload<'media.view'>['views'][number];

/** One subscriber m-line and whose source it carries (a RemoteTrack fits). */
export interface ViewedStream {
  readonly mid: string;
  readonly participantId: string;
  readonly kind: 'audio' | 'video';
  readonly source: MediaSource;
}

/** How one `<video>` element sits on the page right now. */
export interface ShownVideo {
  /** Its size in CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** Whether any of it is inside the viewport (and not scrolled out of the speaker strip). */
  readonly onScreen: boolean;
}

/** Everything a view report is built from, measured at one moment. */
export interface ViewReportInput {
  readonly streams: readonly ViewedStream[];
  /** The element showing each participant's source, by {@link videoKey}; absent when not in the DOM. */
  readonly shown: ReadonlyMap<string, ShownVideo>;
  /** False while the tab is hidden: nothing is seen then. */
  readonly pageVisible: boolean;
  readonly devicePixelRatio: number;
}

/** The key of one participant's source among shown videos. */
export function videoKey(participantId: string, source: MediaSource): string {
  return `${participantId}/${source}`;
}

/**
 * The full `media.view` set: one entry per remote video mid (audio is
 * never paused). A video is visible only when its element exists, has a
 * size, is on screen and the tab is visible; its size is in device pixels
 * (CSS × devicePixelRatio), because that is what the decoded layer must fill.
 * Invisible ones carry 0 × 0: the gateway pauses them, whatever their size.
 */
export function buildViewReport(input: ViewReportInput): MediaView[] {
  const dpr = input.devicePixelRatio > 0 ? input.devicePixelRatio : 1;
  return input.streams
    .filter((stream) => stream.kind === 'video')
    .map((stream) => {
      const shown = input.shown.get(videoKey(stream.participantId, stream.source));
      const width = Math.round((shown?.width ?? 0) * dpr);
      const height = Math.round((shown?.height ?? 0) * dpr);
      const visible = input.pageVisible && shown !== undefined && shown.onScreen && width > 0 && height > 0;
      return visible ? { mid: stream.mid, visible, width, height } : { mid: stream.mid, visible, width: 0, height: 0 };
    });
}

/** A report with the subscriber negotiation it was measured for. */
export interface ViewSnapshot {
  /** Changes with every new set of subscriber streams, so the same views are sent again for them. */
  readonly generation: number;
  readonly views: readonly MediaView[];
}

/** How long the layout must stay still before a report goes out. */
export const VIEW_REPORT_DEBOUNCE_MS = 300;

/**
 * The reports to send: after each burst of layout changes (`changes`) has
 * been quiet for `debounceMs`, one snapshot, unless it says exactly what the
 * last one said for the same streams. A window being dragged to a new size
 * thus costs one `media.view`, not hundreds.
 */
export function viewReports(
  changes: Observable<unknown>,
  snapshot: () => ViewSnapshot,
  debounceMs = VIEW_REPORT_DEBOUNCE_MS,
  scheduler: SchedulerLike = asyncScheduler,
): Observable<readonly MediaView[]> {
  return changes.pipe(
    debounceTime(debounceMs, scheduler),
    map(() => snapshot()),
    distinctUntilChanged((a, b) => a.generation === b.generation && sameViews(a.views, b.views)),
    filter((report) => report.views.length > 0),
    map((report) => report.views),
  );
}

function sameViews(a: readonly MediaView[], b: readonly MediaView[]): boolean {
  return (
    a.length === b.length &&
    a.every((view, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        view.mid === other.mid &&
        view.visible === other.visible &&
        view.width === other.width &&
        view.height === other.height
      );
    })
  );
}
