import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** One line a live region reads out, with an id to track it by. */
export interface Announcement {
  readonly id: number;
  readonly text: string;
}

/**
 * A polite, visually hidden live region: screen readers read out each line
 * added to `lines` (the chat's new messages, reactions), and nothing sighted
 * users see changes. Keep `lines` short (the latest few): older ones have
 * been read out already.
 */
@Component({
  selector: 'parley-live-region',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'false' },
  template: `
    @for (line of lines(); track line.id) {
      <p>{{ line.text }}</p>
    }
  `,
})
export class LiveRegion {
  readonly lines = input.required<readonly Announcement[]>();
}
