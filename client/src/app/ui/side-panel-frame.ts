import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, output, viewChild } from '@angular/core';
import { Icon } from './icon';

/** The id of a side panel's heading, which names the panel (for what else it labels, such as a list). */
export function sidePanelHeadingId(panelId: string): string {
  return `${panelId}-title`;
}

/**
 * The frame of a panel beside the call (chat, participants): a
 * complementary landmark named by its heading, with a "Close …" button, a
 * 360 px column at the right edge on a tablet or desktop and a full-screen
 * sheet on a phone. The content is projected: the body (one element, which
 * gets the remaining height) and, with the `panel-footer` attribute, what
 * sits under it (the chat's composer).
 *
 * Escape anywhere inside (but in a dialog opened from it), or the close
 * button, emits `closed` (the owner closes the panel) and then gives focus
 * to `returnFocusTo`, the button that opens the panel: with the panel gone
 * it would otherwise fall to `<body>`.
 */
@Component({
  selector: 'parley-side-panel',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'complementary',
    '[id]': 'panelId()',
    '[attr.aria-labelledby]': 'headingId()',
    '(keydown.escape)': 'closeOnEscape($event)',
  },
  template: `
    <header class="head">
      <!-- On one line: no stray spaces in the name ("Chat", "Participants 3"). -->
      <h2 #title [id]="headingId()" tabindex="-1">{{ heading() + (count() === null ? '' : ' ') }}@if (count() !== null) {<span class="count">{{ count() }}</span>}</h2>
      <button type="button" class="close-control" [attr.aria-label]="closeName()" [title]="closeName()" (click)="close()">
        <parley-icon name="close" />
      </button>
    </header>
    <ng-content />
    <ng-content select="[panel-footer]" />
  `,
  styles: `
    :host {
      display: grid;
      grid-template-rows: auto minmax(0, 1fr) auto;
      grid-template-columns: minmax(0, 1fr);
      flex: none;
      width: 360px;
      height: 100%;
      min-height: 0;
      border-left: 1px solid var(--border);
      background: var(--surface);
      /* At the right edge: clear of a phone's notch when it is held sideways. */
      padding-right: env(safe-area-inset-right);
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 10px 8px 6px 18px;
    }
    h2 {
      margin: 0;
      font-size: 1.1rem;
    }
    h2:focus {
      outline: none;
    }
    h2:focus-visible {
      outline: 3px solid var(--focus);
    }
    .count {
      margin-left: 4px;
      color: var(--text-muted);
      font-weight: 500;
    }
    @media (max-width: 600px) {
      :host {
        position: fixed;
        inset: 0;
        z-index: 20;
        width: auto;
        border-left: 0;
        padding-top: env(safe-area-inset-top);
      }
    }
  `,
})
export class SidePanelFrame {
  /** The panel's id (its button's `aria-controls` points here). */
  readonly panelId = input.required<string>();
  /** The panel's name, shown as its heading ("Chat"). */
  readonly heading = input.required<string>();
  /** A number shown after the heading, muted, and part of the name ("Participants 3"). */
  readonly count = input<number | null>(null);
  /** The close button's name; "Close " + the heading in lower case unless given ("Close chat"). */
  readonly closeLabel = input<string | null>(null);
  /** The id of what gets focus once the panel is closed: the button that opens it. */
  readonly returnFocusTo = input<string | null>(null);
  /** Escape or the close button: the owner closes the panel. */
  readonly closed = output<void>();

  private readonly document = inject(DOCUMENT);
  private readonly headingElement = viewChild.required<ElementRef<HTMLElement>>('title');
  protected readonly headingId = computed(() => sidePanelHeadingId(this.panelId()));
  protected readonly closeName = computed(() => this.closeLabel() ?? `Close ${this.heading().toLowerCase()}`);

  /** Puts focus on the heading (a panel with no control to start at announces itself this way). */
  focusHeading(): void {
    this.headingElement().nativeElement.focus();
  }

  /**
   * Escape closes the panel, unless it was meant for a dialog opened from
   * inside it (the host's "Remove …?" question): that closes alone.
   */
  protected closeOnEscape(event: Event): void {
    if (event.defaultPrevented || (event.target instanceof Element && event.target.closest('dialog'))) return;
    event.preventDefault();
    this.close();
  }

  protected close(): void {
    this.closed.emit();
    const id = this.returnFocusTo();
    if (id !== null) this.document.getElementById(id)?.focus();
  }
}
