import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { Icon } from '../icons/icon';
import { DevicePickers } from './device-pickers';

/**
 * The control bar's "Settings" button and the dialog it opens, with the
 * device pickers. A native `<dialog>` opened with showModal(): the rest of
 * the page is inert (focus stays inside), Escape closes it, and focus goes
 * back to whatever opened it (the button), also where a browser does not
 * restore it by itself.
 */
@Component({
  selector: 'parley-device-settings',
  imports: [DevicePickers, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="round" aria-label="Settings" title="Settings" aria-haspopup="dialog" (click)="openSettings()">
      <parley-icon name="settings" />
    </button>
    <dialog #dialog class="dialog" aria-labelledby="parley-settings-title" (close)="restoreFocus()">
      <header class="head">
        <h2 id="parley-settings-title">Settings</h2>
        <button type="button" class="close" aria-label="Close settings" title="Close settings" (click)="closeSettings()">
          <parley-icon name="close" />
        </button>
      </header>
      <parley-device-pickers class="pickers" [explainFailures]="true" />
      <div class="actions">
        <button type="button" class="button primary" (click)="closeSettings()">Done</button>
      </div>
    </dialog>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .round {
      display: inline-grid;
      place-items: center;
      width: 52px;
      height: 52px;
      border-radius: 50%;
      border: 1px solid rgb(255 255 255 / 0.14);
      background: rgb(60 64 82 / 0.92);
      color: #fff;
      cursor: pointer;
      font-size: 1rem;
      transition: background-color 120ms;
    }
    .round:hover {
      background: rgb(78 83 104 / 0.95);
    }
    .dialog {
      width: min(460px, calc(100vw - 24px));
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
      font-size: 0.95rem;
    }
    .close:hover {
      background: var(--surface-3);
    }
    .pickers {
      padding: 10px 22px 8px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      padding: 10px 22px 20px;
    }
  `,
})
export class DeviceSettings {
  private readonly document = inject(DOCUMENT);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  /** What had focus when the dialog opened; it gets focus back on close. */
  private opener: HTMLElement | null = null;

  /** Opens the dialog, focusing its first device picker. */
  openSettings(): void {
    const dialog = this.dialog().nativeElement;
    if (dialog.open) return;
    const active = this.document.activeElement;
    this.opener = active instanceof HTMLElement ? active : null;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('select:not(:disabled)')?.focus();
  }

  protected closeSettings(): void {
    this.dialog().nativeElement.close();
  }

  /** On every close (the buttons, Escape): focus back to the opener, if it is still on the page. */
  protected restoreFocus(): void {
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected) opener.focus();
  }
}
