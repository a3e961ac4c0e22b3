import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  afterRenderEffect,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import type { ChatGroup } from './chat-groups';
import { ChatText } from './chat-text';

/** Within this many pixels of the bottom, the list follows new messages. */
const STICK_PX = 48;

/**
 * The messages: one header (name, time) per group of one person's
 * consecutive messages, our own marked "You" and set apart, system lines
 * centred and quiet, and "Load earlier messages" at the top while older
 * history exists. Follows new messages while scrolled to the bottom, and
 * keeps its place when an earlier page is put above.
 */
@Component({
  selector: 'parley-chat-message-list',
  imports: [ChatText, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div #scroller class="scroller" (scroll)="noteScroll()">
      @if (hasMore()) {
        <button type="button" class="button quiet more" [disabled]="loading()" (click)="requestEarlier()">
          {{ loading() ? 'Loading earlier messages…' : 'Load earlier messages' }}
        </button>
      }
      @if (historyError(); as message) {
        <p class="field-error history-error" role="alert">{{ message }}</p>
      }
      @if (groups().length === 0) {
        <p class="empty">No messages yet. Everyone in the meeting sees what you send here, including people who join later.</p>
      }
      <ol class="messages" aria-label="Messages">
        @for (group of groups(); track group.key) {
          @if (group.kind === 'system') {
            <li class="system" data-chat-system>
              <span>{{ group.text }}</span> · <time [attr.datetime]="iso(group.ts)">{{ group.ts | date: 'shortTime' }}</time>
            </li>
          } @else {
            <li class="group" [class.own]="group.own" [attr.data-own]="group.own">
              <p class="meta">
                <span class="sender" data-chat-sender>{{ group.own ? 'You' : group.senderName }}</span>
                <time [attr.datetime]="iso(group.lines[0]?.ts ?? 0)">{{ group.lines[0]?.ts | date: 'shortTime' }}</time>
              </p>
              @for (line of group.lines; track line.key) {
                <div class="bubble" data-chat-message [attr.data-sending]="line.sending" [title]="line.ts | date: 'medium'">
                  <parley-chat-text [text]="line.text" />
                  @if (line.sending) {
                    <span class="sending">Sending…</span>
                  }
                </div>
              }
            </li>
          }
        }
      </ol>
    </div>
  `,
  styles: `
    :host {
      display: block;
      min-height: 0;
    }
    .scroller {
      height: 100%;
      overflow-y: auto;
      overflow-anchor: none;
      padding: 8px 16px 12px;
    }
    .more {
      display: flex;
      margin: 0 auto 8px;
      min-height: 40px;
      font-size: 0.9rem;
    }
    .empty {
      margin: 24px 8px;
      color: var(--text-muted);
      text-align: center;
      line-height: 1.45;
    }
    .history-error {
      margin: 0 0 8px;
      text-align: center;
    }
    .messages {
      display: grid;
      gap: 14px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .group {
      display: grid;
      justify-items: start;
      gap: 3px;
    }
    .group.own {
      justify-items: end;
    }
    .meta {
      display: flex;
      align-items: baseline;
      gap: 8px;
      margin: 0 4px 1px;
      font-size: 0.8rem;
      color: var(--text-muted);
    }
    .sender {
      color: var(--text);
      font-weight: 600;
      font-size: 0.85rem;
    }
    .bubble {
      max-width: 100%;
      padding: 7px 12px;
      border-radius: 4px 16px 16px 16px;
      background: var(--surface-2);
      line-height: 1.4;
    }
    .own .bubble {
      border-radius: 16px 4px 16px 16px;
      background: #343a6e;
    }
    .bubble[data-sending='true'] {
      opacity: 0.75;
    }
    .sending {
      display: block;
      margin-top: 2px;
      color: #c4c8ff;
      font-size: 0.75rem;
      font-style: italic;
    }
    .system {
      margin: 0 auto;
      padding: 3px 10px;
      border-radius: 999px;
      background: rgb(255 255 255 / 0.05);
      color: var(--text-muted);
      font-size: 0.8rem;
      text-align: center;
    }
  `,
})
export class ChatMessageList {
  readonly groups = input.required<readonly ChatGroup[]>();
  readonly hasMore = input(false);
  readonly loading = input(false);
  readonly historyError = input<string | null>(null);
  readonly loadEarlier = output<void>();

  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  /** True while the reader is at the bottom: new messages then scroll into view. */
  private stick = true;
  /** Distance from the bottom to restore after an earlier page is put on top. */
  private keepFromBottom: number | null = null;

  constructor() {
    const destroyRef = inject(DestroyRef);
    // The list shrinks when the composer grows (a long draft) or the phone keyboard opens: stay at the bottom.
    afterNextRender(() => {
      const element = this.scroller().nativeElement;
      const observer = new ResizeObserver(() => {
        if (this.stick) element.scrollTop = element.scrollHeight;
      });
      observer.observe(element);
      destroyRef.onDestroy(() => observer.disconnect());
    });
    afterRenderEffect({
      write: () => {
        this.groups();
        const element = this.scroller().nativeElement;
        if (this.keepFromBottom !== null) {
          element.scrollTop = element.scrollHeight - this.keepFromBottom;
          if (!this.loading()) this.keepFromBottom = null;
        } else if (this.stick) {
          element.scrollTop = element.scrollHeight;
        }
      },
    });
  }

  /** Scrolls to the newest message (after sending one, the reader wants to see it). */
  scrollToEnd(): void {
    this.stick = true;
    const element = this.scroller().nativeElement;
    element.scrollTop = element.scrollHeight;
  }

  protected noteScroll(): void {
    const element = this.scroller().nativeElement;
    this.stick = element.scrollHeight - element.scrollTop - element.clientHeight <= STICK_PX;
  }

  protected requestEarlier(): void {
    const element = this.scroller().nativeElement;
    this.keepFromBottom = element.scrollHeight - element.scrollTop;
    this.stick = false;
    this.loadEarlier.emit();
  }

  protected iso(ts: number): string {
    return new Date(ts).toISOString();
  }
}
