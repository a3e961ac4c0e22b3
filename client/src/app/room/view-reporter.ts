import { DOCUMENT, DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { MediaSource } from '@parley/protocol';
import { Subject, fromEvent, merge } from 'rxjs';
import { LAYER_SELECTION } from '../core/config/media-config';
import { SignalingClient } from '../core/signaling/signaling-client';
import { CallConnections } from '../core/call/call-connections';
import { buildViewReport, videoKey, viewReports, type MediaView, type ShownVideo, type ViewSnapshot } from './view-report';

/** A registered `<video>`: whose source it shows, and whether it was last seen on screen. */
interface Watched {
  readonly key: string;
  onScreen: boolean;
}

/**
 * Tells the gateway how this client shows every remote video (`media.view`),
 * so it forwards each at the simulcast layer its tile needs and pauses the
 * ones nobody sees (another grid page, scrolled out of the strip, a hidden
 * tab). Components only register their `<video>` elements (see
 * `ReportedVideo`); this service watches their size (ResizeObserver), whether
 * they are on screen (IntersectionObserver) and the tab's visibility, and
 * sends the full set once the layout has been still for a moment.
 *
 * Provided by the call view, so it lives exactly as long as the call is shown.
 */
@Injectable()
export class ViewReporter {
  private readonly connections = inject(CallConnections);
  private readonly signaling = inject(SignalingClient);
  private readonly document = inject(DOCUMENT);
  private readonly sending = inject(LAYER_SELECTION);

  private readonly watched = new Map<HTMLElement, Watched>();
  private readonly changes = new Subject<void>();
  private readonly resizes = new ResizeObserver(() => this.changes.next());
  private readonly intersections = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const watched = this.watched.get(entry.target as HTMLElement);
      if (watched) watched.onScreen = entry.isIntersecting;
    }
    this.changes.next();
  });
  /** Bumped for each new set of subscriber streams (and after a failed send), so the views go out again. */
  private generation = 0;
  private readonly visibleMidsSignal = signal<ReadonlySet<string>>(new Set());

  /** Subscriber mids whose video was on screen at the last report (sent or not). */
  readonly visibleMids = this.visibleMidsSignal.asReadonly();

  constructor() {
    const destroyRef = inject(DestroyRef);
    const window = this.document.defaultView;
    const tracksChanged = toObservable(this.connections.remoteTracks);
    tracksChanged.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => this.generation++);
    const changes = merge(
      this.changes,
      tracksChanged,
      fromEvent(this.document, 'visibilitychange'),
      // Zoom changes devicePixelRatio and fires resize.
      ...(window ? [fromEvent(window, 'resize')] : []),
    );
    viewReports(changes, () => this.snapshot())
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((views) => this.send(views));
    destroyRef.onDestroy(() => {
      this.resizes.disconnect();
      this.intersections.disconnect();
      this.watched.clear();
    });
  }

  /**
   * Starts reporting how `element` shows `participantId`'s `source`.
   * Returns the function that stops it (the element left the DOM).
   */
  register(element: HTMLElement, participantId: string, source: MediaSource): () => void {
    this.watched.set(element, { key: videoKey(participantId, source), onScreen: false });
    this.resizes.observe(element);
    this.intersections.observe(element);
    this.changes.next();
    return () => {
      if (!this.watched.delete(element)) return;
      this.resizes.unobserve(element);
      this.intersections.unobserve(element);
      this.changes.next();
    };
  }

  private snapshot(): ViewSnapshot {
    const shown = new Map<string, ShownVideo>();
    for (const [element, { key, onScreen }] of this.watched) {
      const { width, height } = element.getBoundingClientRect();
      shown.set(key, { width, height, onScreen });
    }
    const views = buildViewReport({
      streams: this.connections.remoteTracks(),
      shown,
      pageVisible: this.document.visibilityState !== 'hidden',
      devicePixelRatio: this.document.defaultView?.devicePixelRatio ?? 1,
    });
    this.visibleMidsSignal.set(new Set(views.filter((view) => view.visible).map((view) => view.mid)));
    return { generation: this.generation, views };
  }

  private send(views: readonly MediaView[]): void {
    if (!this.sending) return;
    this.signaling.request('media.view', { views: [...views] }).catch((error: unknown) => {
      // The next layout change sends the full set again; until then the gateway keeps the last views.
      this.generation++;
      console.warn('Parley: could not report how videos are shown', error);
    });
  }
}
