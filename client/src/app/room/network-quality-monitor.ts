import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { EMPTY, catchError, exhaustMap, from, interval } from 'rxjs';
import { inboundLinks, outboundLink, type StatsReport } from '../core/webrtc/link-stats';
import { LocalMedia } from '../core/webrtc/local-media';
import { classifyQuality, type LinkStats, type NetworkQuality } from '../core/webrtc/network-quality';
import { CallConnections } from '../core/call/call-connections';
import { ParticipantsStore } from '../core/call/participants-store';
import { ViewReporter } from './view-reporter';

/** One person's connection as their tile shows it. */
export interface QualityReport extends LinkStats {
  readonly level: NetworkQuality;
}

/** How often stats are sampled; loss and bitrate are measured over this interval. */
export const QUALITY_SAMPLE_MS = 2000;

/**
 * Rates everyone's connection every couple of seconds from getStats: remote
 * people from their streams on the subscriber connection, oneself from the
 * publisher connection (what the server reports receiving). A remote
 * video's bitrate only counts while its tile is on screen, since unseen
 * streams are paused on purpose.
 *
 * Provided by the call view, next to the view reporter it reads.
 */
@Injectable()
export class NetworkQualityMonitor {
  private readonly connections = inject(CallConnections);
  private readonly participants = inject(ParticipantsStore);
  private readonly media = inject(LocalMedia);
  private readonly views = inject(ViewReporter);

  private readonly reports = signal<ReadonlyMap<string, QualityReport>>(new Map());
  private previous: { publisher: StatsReport | null; subscriber: StatsReport | null } = { publisher: null, subscriber: null };
  private previouslyVisible: ReadonlySet<string> = new Set();

  /** Each participant's latest rating, by participant id (oneself included). */
  readonly byParticipant = this.reports.asReadonly();

  constructor() {
    interval(QUALITY_SAMPLE_MS)
      .pipe(
        exhaustMap(() =>
          from(this.sample()).pipe(
            catchError((error: unknown) => {
              console.warn('Parley: could not read connection statistics', error);
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((reports) => this.reports.set(reports));
  }

  private async sample(): Promise<ReadonlyMap<string, QualityReport>> {
    const { publisher, subscriber } = await this.connections.stats();
    const reports = new Map<string, QualityReport>();
    const self = this.participants.self();
    if (publisher && self) {
      reports.set(self.id, rate({ ...outboundLink(publisher, this.previous.publisher), videoExpected: this.media.sendingVideo() }));
    }
    const visible = this.views.visibleMids();
    if (subscriber) {
      const tracks = this.connections.remoteTracks();
      const owners = new Map(tracks.map((track) => [track.mid, track.participantId]));
      const cameraOff = new Set<string>(this.participants.others().filter((p) => p.videoMuted).map((p) => p.id));
      for (const [participantId, link] of inboundLinks(subscriber, this.previous.subscriber, owners)) {
        // Shown for the whole interval: a stream just resumed is still ramping up.
        const shown = tracks.some(
          (t) => t.participantId === participantId && t.kind === 'video' && visible.has(t.mid) && this.previouslyVisible.has(t.mid),
        );
        reports.set(participantId, rate({ ...link, videoExpected: shown && !cameraOff.has(participantId) }));
      }
    }
    this.previous = { publisher, subscriber };
    this.previouslyVisible = visible;
    return reports;
  }
}

function rate(stats: LinkStats): QualityReport {
  return { ...stats, level: classifyQuality(stats) };
}
