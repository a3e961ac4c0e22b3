import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, inject, input, viewChild } from '@angular/core';
import { Icon } from '../icons/icon';
import type { Shortcut } from './shortcuts';

/**
 * The "Keyboard shortcuts" button and the dialog it opens (also opened by
 * "?"), listing the shortcuts this call offers. A native modal `<dialog>`
 * like Settings: the page behind is inert, Escape closes it, and focus goes
 * back to whatever had it before.
 */
@Component({
  selector: 'parley-shortcut-help',
  imports: [Icon],
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
    <dialog #dialog class="dialog" aria-labelledby="parley-shortcuts-title" (close)="restoreFocus()">
      <header class="head">
        <h2 id="parley-shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" class="close" aria-label="Close keyboard shortcuts" title="Close" (click)="closeHelp()">
          <parley-icon name="close" />
        </button>
      </header>
      <p class="note">Letters work whenever you are not typing in a text box.</p>
      <dl class="list">
        @for (shortcut of shortcuts(); track shortcut.keys) {
          <div class="row" [attr.data-shortcut]="shortcut.action">
            <dt><kbd>{{ shortcut.keys }}</kbd></dt>
            <dd>{{ shortcut.description }}</dd>
          </div>
        }
      </dl>
      <div class="actions">
        <button type="button" class="button primary" (click)="closeHelp()">Done</button>
      </div>
    </dialog>
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
    .dialog {
      width: min(480px, calc(100vw - 24px));
      max-height: calc(100dvh - 24px);
      padding: 0;
      border: 1px solid var(--border);
      border-radius: var(--radius);
      background: var(--surface-2);
      color: var(--text);
      box-shadow: 0 18px 48px rgb(0 0 0 / 0.5);
    }
    .dialog::backdrop {
      background: rgb(5 6 10 / 0.6);
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 12px 10px 0 22px;
    }
    h2 {
      margin: 0;
      font-size: 1.2rem;
    }
    .close {
      display: inline-grid;
      place-items: center;
      width: 44px;
      height: 44px;
      border: 0;
      border-radius: 50%;
      background: transparent;
      color: var(--text);
      cursor: pointer;
    }
    .close:hover {
      background: var(--surface-3);
    }
    .note {
      margin: 4px 22px 8px;
      color: var(--text-muted);
    }
    .list {
      display: grid;
      gap: 2px;
      margin: 0;
      padding: 0 22px;
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
    .actions {
      display: flex;
      justify-content: flex-end;
      padding: 14px 22px 20px;
    }
  `,
})
export class ShortcutHelp {
  /** The shortcuts to list (those the call offers). */
  readonly shortcuts = input.required<readonly Shortcut[]>();

  private readonly document = inject(DOCUMENT);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  /** What had focus when the dialog opened; it gets focus back on close. */
  private opener: HTMLElement | null = null;

  /** Opens the dialog (the button, or "?"); focus goes to its first button. */
  openHelp(): void {
    const dialog = this.dialog().nativeElement;
    if (dialog.open) return;
    const active = this.document.activeElement;
    this.opener = active instanceof HTMLElement && active !== this.document.body ? active : null;
    dialog.showModal();
  }

  protected closeHelp(): void {
    this.dialog().nativeElement.close();
  }

  /** On every close (the buttons, Escape): focus back to the opener, if it is still on the page. */
  protected restoreFocus(): void {
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected) opener.focus();
  }
}
