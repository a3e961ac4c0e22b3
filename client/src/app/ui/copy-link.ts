import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { Icon } from './icon';

/** The shareable address of a meeting. */
export function meetingLink(room: string, origin = globalThis.location?.origin ?? ''): string {
  return `${origin}/r/${encodeURIComponent(room)}`;
}

/** "Copy link" with a spoken confirmation; shows the link itself when the clipboard refuses. */
@Component({
  selector: 'parley-copy-link',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="button secondary copy" (click)="copyLink()">
      <parley-icon [name]="state() === 'copied' ? 'check' : 'copy'" />
      Copy link
    </button>
    <span class="feedback" role="status" aria-live="polite">
      @switch (state()) {
        @case ('copied') {
          Link copied
        }
        @case ('failed') {
          Copy this link: <span class="link">{{ link() }}</span>
        }
      }
    </span>
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 10px;
    }
    .copy {
      min-height: 40px;
      padding: 0 16px;
      font-size: 0.95rem;
    }
    .feedback {
      color: var(--text-muted);
      font-size: 0.9rem;
    }
    .feedback:empty {
      display: none;
    }
    .link {
      color: var(--text);
      user-select: all;
      word-break: break-all;
    }
  `,
})
export class CopyLink {
  readonly room = input.required<string>();

  protected readonly link = computed(() => meetingLink(this.room()));
  protected readonly state = signal<'idle' | 'copied' | 'failed'>('idle');
  private resetTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.resetTimer));
  }

  protected async copyLink(): Promise<void> {
    clearTimeout(this.resetTimer);
    try {
      await navigator.clipboard.writeText(this.link());
      this.state.set('copied');
      this.resetTimer = setTimeout(() => this.state.set('idle'), 2500);
    } catch (error) {
      console.warn('Parley: clipboard refused the meeting link', error);
      this.state.set('failed');
    }
  }
}
