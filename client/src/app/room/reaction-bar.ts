import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChildren } from '@angular/core';
import { REACTIONS, type Reaction } from '@parley/protocol';
import { Reactions } from '../core/call/reactions';
import { SignalingError } from '../core/signaling/signaling-error';
import { LiveRegion } from '../ui/live-region';
import { ToggleButton } from '../ui/toggle-button';

export const REACTION_BAR_ID = 'parley-reaction-bar';

/**
 * The control bar's "Reactions" button and the bar it opens: one button per
 * reaction ("React with applause"), which stays open for more until closed
 * (the button again, or Escape). Too many too fast says so in the bar. The
 * polite live region reads out everyone's reactions ("Ada reacted 👏").
 */
@Component({
  selector: 'parley-reaction-bar',
  imports: [ToggleButton, LiveRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-toggle-button
      tone="selected"
      icon="reaction"
      label="Send a reaction"
      pressedLabel="Close reactions"
      [controls]="barId"
      [pressed]="open()"
      (toggled)="toggle()"
    />
    @if (open()) {
      <div class="bar" role="toolbar" aria-label="Reactions" [id]="barId" (keydown.escape)="close()">
        @for (reaction of reactions; track reaction.emoji) {
          <button #choice type="button" [attr.aria-label]="'React with ' + reaction.name" [title]="reaction.name" (click)="send(reaction.emoji)">
            <span aria-hidden="true">{{ reaction.emoji }}</span>
          </button>
        }
        @if (notice(); as text) {
          <p class="notice" role="status">{{ text }}</p>
        }
      </div>
    }
    <parley-live-region data-reaction-announcer [lines]="store.announcements()" />
  `,
  styles: `
    :host {
      position: relative;
      display: inline-flex;
    }
    .bar {
      position: absolute;
      bottom: calc(100% + 10px);
      left: 50%;
      transform: translateX(-50%);
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: 4px;
      width: max-content;
      max-width: min(92vw, 360px);
      padding: 6px;
      border-radius: 999px;
      background: var(--surface-raised, #1f2430);
      box-shadow: 0 6px 24px rgb(0 0 0 / 40%);
      z-index: 20;
    }
    .bar button {
      width: 44px;
      height: 44px;
      border: 0;
      border-radius: 50%;
      background: transparent;
      font-family: var(--font-emoji);
      font-size: 1.5rem;
      cursor: pointer;
    }
    .bar button:hover,
    .bar button:focus-visible {
      background: rgb(255 255 255 / 12%);
    }
    .notice {
      flex-basis: 100%;
      margin: 0;
      text-align: center;
      font-size: 0.85rem;
      color: var(--text-muted);
    }
  `,
})
export class ReactionBar {
  protected readonly store = inject(Reactions);
  protected readonly reactions = REACTIONS;
  protected readonly barId = REACTION_BAR_ID;
  protected readonly open = signal(false);
  protected readonly notice = signal<string | null>(null);
  private readonly choices = viewChildren<ElementRef<HTMLButtonElement>>('choice');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  /** Opens the bar with focus on its first reaction (the R shortcut), or closes it. */
  toggle(): void {
    if (this.open()) return this.close();
    this.open.set(true);
    this.notice.set(null);
    setTimeout(() => this.choices()[0]?.nativeElement.focus());
  }

  protected close(): void {
    this.open.set(false);
    this.host.querySelector<HTMLButtonElement>('parley-toggle-button button')?.focus();
  }

  protected async send(emoji: Reaction): Promise<void> {
    try {
      await this.store.send(emoji);
      this.notice.set(null);
    } catch (error) {
      this.notice.set(error instanceof SignalingError && error.code === 'rate_limited' ? 'Too many reactions; wait a moment' : 'The reaction was not sent');
    }
  }
}
