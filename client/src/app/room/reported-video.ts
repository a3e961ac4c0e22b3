import { Directive, ElementRef, effect, inject, input } from '@angular/core';
import type { MediaSource } from '@parley/protocol';
import { ViewReporter } from './view-reporter';

/**
 * Marks a remote `<video>` as showing `participantId`'s `source`, so the
 * view reporter can tell the gateway its size and visibility. Every element
 * that shows remote video (a screen share too, with `reportedSource`) must
 * carry it: a video stream without a registered element counts as unseen,
 * and the gateway pauses it. Does nothing outside a call view (no reporter
 * provided), as in component specs.
 */
@Directive({ selector: 'video[parleyReportedVideo]' })
export class ReportedVideo {
  /** Whose video this element shows. */
  readonly parleyReportedVideo = input.required<string>();
  readonly reportedSource = input<MediaSource>('camera');

  constructor() {
    const element = inject<ElementRef<HTMLVideoElement>>(ElementRef).nativeElement;
    const reporter = inject(ViewReporter, { optional: true });
    effect((onCleanup) => {
      if (!reporter) return;
      onCleanup(reporter.register(element, this.parleyReportedVideo(), this.reportedSource()));
    });
  }
}
