import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { linkify } from './linkify';

/**
 * One message's text: plain text nodes, with web addresses as links that
 * open in a new tab. Built from Angular interpolation and an `href`
 * binding only — never innerHTML — so whatever the sender typed stays text.
 */
@Component({
  selector: 'parley-chat-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Whitespace-only template text is dropped, and each segment's text sits alone in its node, so
  // nothing is added around the sender's words (the host keeps them with white-space: pre-wrap).
  template: `
    @for (segment of segments(); track $index) {
      @if (segment.kind === 'link') {
        <a [href]="segment.href" target="_blank" rel="noopener noreferrer">{{ segment.text }}</a>
      } @else {
        <ng-container>{{ segment.text }}</ng-container>
      }
    }
  `,
  styles: `
    :host {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    a {
      color: inherit;
      text-decoration: underline;
      text-underline-offset: 2px;
    }
  `,
})
export class ChatText {
  readonly text = input.required<string>();

  protected readonly segments = computed(() => linkify(this.text()));
}
