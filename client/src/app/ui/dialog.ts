import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, output, viewChild } from '@angular/core';
import { Icon } from './icon';
import { ModalFocusTrap } from './modal-focus-trap';

let nextDialogId = 0;

/** How {@link Dialog.open} was asked to behave. */
export interface DialogOpenOptions {
  /**
   * Who gets focus back when the dialog closes. By default whatever had
   * focus when it opened; give the element when that is about to go (an
   * item of a menu that closes as the dialog opens).
   */
  readonly returnFocusTo?: HTMLElement | null;
}

/**
 * A modal dialog: a heading that names it, a "Close …" button, the content
 * projected into it, and a footer with "Done" (or the buttons projected
 * with the `dialog-actions` attribute).
 *
 * A native `<dialog>` opened with `showModal()`, not @angular/cdk/dialog:
 * the browser already puts it in the top layer, makes the page behind it
 * inert, closes it on Escape and exposes it as modal, with no overlay
 * container or portal and no bytes added to the bundle; the app's one
 * {@link ModalFocusTrap} (started here too, so no page can forget it)
 * keeps Tab inside whichever modal dialog is open.
 * What the browser leaves to us is done here: focus to a chosen control on
 * open, and focus back to the opener on every close, also where a browser
 * does not restore it (or the element it would restore is gone).
 */
@Component({
  selector: 'parley-dialog',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog
      #dialog
      class="dialog"
      aria-modal="true"
      [attr.aria-labelledby]="headingId"
      [attr.aria-describedby]="describedBy()"
      [style.width]="'min(' + width() + 'px, calc(100vw - 24px))'"
      (close)="afterClose()"
    >
      <header class="head" [class.bare]="!closeButton()">
        <h2 [id]="headingId">{{ heading() }}</h2>
        @if (closeButton()) {
          <button type="button" class="close-control" [attr.aria-label]="closeName()" [title]="closeName()" (click)="close()">
            <parley-icon name="close" />
          </button>
        }
      </header>
      <ng-content />
      <div class="actions">
        <ng-content select="[dialog-actions]">
          <button type="button" class="button primary" (click)="close()">Done</button>
        </ng-content>
      </div>
    </dialog>
  `,
  styles: `
    :host {
      display: contents;
    }
    .dialog {
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
      padding: 12px 10px 4px 22px;
    }
    /* No close button (a question with its own Cancel): the heading alone, at the dialog's padding. */
    .head.bare {
      padding: 20px 22px 8px;
    }
    h2 {
      margin: 0;
      font-size: 1.2rem;
      overflow-wrap: anywhere;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 10px;
      padding: 0 22px 20px;
    }
  `,
})
export class Dialog {
  /** The dialog's name, shown as its heading. */
  readonly heading = input.required<string>();
  /** The close button's name; "Close " + the heading in lower case unless given. */
  readonly closeLabel = input<string | null>(null);
  /** Whether the header has a close button (a question whose Cancel closes it may do without). */
  readonly closeButton = input(true);
  /** The id of what describes the dialog (projected content), if anything. */
  readonly describedBy = input<string | null>(null);
  /** The widest the dialog gets, in CSS pixels (it never overflows a phone's width). */
  readonly width = input(480);
  /**
   * A selector for the control that gets focus when the dialog opens; the
   * first one that matches and is enabled. Without one (or no match) the
   * browser's choice stands: the first focusable control, the close button.
   */
  readonly initialFocus = input<string | null>(null);
  /** After every close: the buttons, Escape, or {@link close}. */
  readonly closed = output<void>();

  private readonly document = inject(DOCUMENT);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  protected readonly headingId = `parley-dialog-${nextDialogId++}-title`;
  protected readonly closeName = computed(() => this.closeLabel() ?? `Close ${this.heading().toLowerCase()}`);
  /** Who gets focus back on close. */
  private returnFocusTo: HTMLElement | null = null;
  /** Opened and not yet seen closing (the `close` event comes a task after the close). */
  private awaitingClose = false;

  constructor() {
    inject(ModalFocusTrap);
  }

  /** Whether the dialog is open. */
  get isOpen(): boolean {
    return this.dialog().nativeElement.open;
  }

  /** Opens the dialog as a modal and moves focus into it; a second call while open does nothing. */
  open(options: DialogOpenOptions = {}): void {
    const dialog = this.dialog().nativeElement;
    if (dialog.open) return;
    const active = this.document.activeElement;
    const opener = active instanceof HTMLElement && active !== this.document.body ? active : null;
    this.returnFocusTo = options.returnFocusTo === undefined ? opener : options.returnFocusTo;
    this.awaitingClose = true;
    dialog.showModal();
    const selector = this.initialFocus();
    if (selector) {
      const target = Array.from(dialog.querySelectorAll<HTMLElement>(selector)).find((element) => !(element as HTMLButtonElement).disabled);
      target?.focus();
    }
  }

  /** Closes the dialog; focus goes back at once (as on every close). */
  close(): void {
    const dialog = this.dialog().nativeElement;
    if (!dialog.open) return;
    dialog.close();
    this.afterClose();
  }

  /**
   * Once per close, however it closed: {@link close} calls it at once; the
   * `close` event (a task later) covers Escape and is then a no-op, also
   * when the dialog was opened again meanwhile.
   */
  protected afterClose(): void {
    if (!this.awaitingClose || this.dialog().nativeElement.open) return;
    this.awaitingClose = false;
    const target = this.returnFocusTo;
    this.returnFocusTo = null;
    if (target?.isConnected) target.focus();
    this.closed.emit();
  }
}
