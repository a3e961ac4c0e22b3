import { ChangeDetectionStrategy, Component, input, viewChild } from '@angular/core';
import { Dialog } from '../ui/dialog';
import type { Shortcut } from './shortcuts';

/**
 * The "Keyboard shortcuts" button and the dialog it opens (also opened by
 * "?"), listing the shortcuts this call offers, in the shared modal
 * {@link Dialog} (Escape closes it, focus goes back to whatever had it).
 */
@Component({
  selector: 'parley-shortcut-help',
  imports: [Dialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="open"
      aria-label="Keyboard shortcuts"
      title="Keyboard shortcuts (?)"
      aria-haspopup="dialog"
      aria-keyshortcuts="Shift+?"
      (click)="openHelp()"
    >
      <span aria-hidden="true">?</span>
    </button>
    <parley-dialog heading="Keyboard shortcuts">
      <p class="note">Letters work whenever you are not typing in a text box.</p>
      <dl class="list">
        @for (shortcut of shortcuts(); track shortcut.keys) {
          <div class="row" [attr.data-shortcut]="shortcut.action">
            <dt><kbd>{{ shortcut.keys }}</kbd></dt>
            <dd>{{ shortcut.description }}</dd>
          </div>
        }
      </dl>
    </parley-dialog>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .open {
      display: inline-grid;
      place-items: center;
      width: 44px;
      height: 44px;
      border: 0;
      border-radius: 50%;
      background: rgb(60 64 82 / 0.6);
      color: var(--text);
      cursor: pointer;
      font-size: 1.05rem;
      font-weight: 700;
    }
    .open:hover {
      background: var(--surface-3);
    }
    .note {
      margin: 0 22px 8px;
      color: var(--text-muted);
    }
    .list {
      display: grid;
      gap: 2px;
      margin: 0;
      padding: 0 22px 14px;
    }
    .row {
      display: grid;
      grid-template-columns: 6.5rem 1fr;
      align-items: center;
      gap: 12px;
      min-height: 36px;
    }
    dt,
    dd {
      margin: 0;
    }
    kbd {
      display: inline-block;
      min-width: 2em;
      padding: 2px 8px;
      border: 1px solid var(--border);
      border-bottom-width: 2px;
      border-radius: 6px;
      background: var(--surface);
      font: inherit;
      font-size: 0.9rem;
      font-weight: 600;
      text-align: center;
    }
  `,
})
export class ShortcutHelp {
  /** The shortcuts to list (those the call offers). */
  readonly shortcuts = input.required<readonly Shortcut[]>();

  private readonly dialog = viewChild.required(Dialog);

  /** Opens the dialog (the button, or "?"); focus goes to its first control, the close button. */
  openHelp(): void {
    this.dialog().open();
  }
}
