import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, input, output, signal, untracked, viewChild } from '@angular/core';
import { Icon } from '../ui/icon';
import type { ChatRejection } from './chat-outbox';
import { measureDraft, tooLongMessage } from './composer-counter';

/**
 * Where a message is typed. Enter sends, Shift+Enter starts a new line.
 * Near the limit a counter says how many characters are left; a draft over
 * the limit is not sent and stays in the box with the reason beside it. A
 * message the gateway refuses (`rejection`) comes back into the box with the
 * gateway's reason, so nothing typed is lost.
 */
@Component({
  selector: 'parley-chat-composer',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="composer" (submit)="submit($event)">
      <label class="visually-hidden" for="parley-chat-message">Message</label>
      <div class="field" [class.invalid]="error() !== null">
        <textarea
          #box
          id="parley-chat-message"
          rows="1"
          placeholder="Send a message to everyone"
          autocomplete="off"
          enterkeyhint="send"
          [value]="draft()"
          [attr.aria-invalid]="error() !== null"
          [attr.aria-describedby]="describedBy()"
          (input)="edit(box.value)"
          (keydown)="handleKey($event)"
        ></textarea>
        <button type="submit" class="send" aria-label="Send message" title="Send message" [disabled]="empty()">
          <parley-icon name="send" />
        </button>
      </div>
      @if (count().visible) {
        <p id="parley-chat-counter" class="counter" [class.over]="count().over" aria-live="polite">{{ count().label }}</p>
      }
      @if (error(); as message) {
        <p id="parley-chat-error" class="field-error" role="alert">{{ message }}</p>
      }
    </form>
  `,
  styles: `
    .composer {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 6px;
    }
    .field {
      display: flex;
      align-items: flex-end;
      gap: 6px;
      padding: 6px 6px 6px 14px;
      border: 1px solid var(--border);
      border-radius: 22px;
      background: var(--surface-2);
    }
    .field:focus-within {
      border-color: var(--accent);
    }
    .field.invalid {
      border-color: var(--danger);
    }
    /* field-sizing grows the box with its text; the fixed width keeps that growth vertical only. */
    textarea {
      flex: 1;
      width: 100%;
      min-width: 0;
      overflow-wrap: anywhere;
      min-height: 34px;
      max-height: 160px;
      padding: 7px 0;
      border: 0;
      background: transparent;
      color: inherit;
      font: inherit;
      line-height: 1.35;
      resize: none;
      field-sizing: content;
    }
    textarea:focus-visible {
      outline: none;
    }
    textarea::placeholder {
      color: #7d8397;
    }
    .send {
      display: inline-grid;
      place-items: center;
      flex: none;
      width: 36px;
      height: 36px;
      border: 0;
      border-radius: 50%;
      background: var(--accent-strong);
      color: #fff;
      cursor: pointer;
      font-size: 0.8rem;
    }
    .send:disabled {
      background: var(--surface-3);
      color: var(--text-muted);
      cursor: default;
    }
    .counter {
      margin: 0 8px;
      color: var(--text-muted);
      font-size: 0.85rem;
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .counter.over {
      color: #ff9b9e;
      font-weight: 600;
    }
    .field-error {
      margin: 0 8px;
      font-size: 0.9rem;
    }
  `,
})
export class ChatComposer {
  /** The latest message the gateway refused; its text comes back into the box. */
  readonly rejection = input<ChatRejection | null>(null);
  /** A draft to send (within the limit, not blank). */
  readonly send = output<string>();

  private readonly box = viewChild.required<ElementRef<HTMLTextAreaElement>>('box');
  protected readonly draft = signal('');
  private readonly localError = signal<string | null>(null);
  /** Rejections already put back, so a re-render never restores one twice. */
  private readonly restored = new Set<string>();

  protected readonly count = computed(() => measureDraft(this.draft()));
  protected readonly empty = computed(() => this.count().length === 0);
  protected readonly error = computed(() => this.localError() ?? this.rejection()?.message ?? null);
  protected readonly describedBy = computed(() => {
    const ids = [this.count().visible ? 'parley-chat-counter' : '', this.error() !== null ? 'parley-chat-error' : ''];
    return ids.filter(Boolean).join(' ') || null;
  });

  constructor() {
    effect(() => {
      const rejection = this.rejection();
      if (rejection === null || this.restored.has(rejection.clientId)) return;
      this.restored.add(rejection.clientId);
      // Whatever was typed since goes after the refused text, so both are kept.
      untracked(() => this.draft.update((now) => (now.trim() === '' ? rejection.text : `${rejection.text}\n${now}`)));
    });
  }

  focus(): void {
    this.box().nativeElement.focus();
  }

  protected edit(value: string): void {
    this.draft.set(value);
    if (this.localError() !== null && !measureDraft(value).over) this.localError.set(null);
  }

  /** Enter sends; Shift+Enter (and Enter while an input method is composing) inserts a newline. */
  protected handleKey(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.trySend();
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.trySend();
  }

  private trySend(): void {
    const { length, over } = this.count();
    if (length === 0) return;
    if (over) {
      this.localError.set(tooLongMessage(length));
      return;
    }
    this.localError.set(null);
    this.send.emit(this.draft());
    this.draft.set('');
  }
}
