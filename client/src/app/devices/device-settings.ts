import { ChangeDetectionStrategy, Component, viewChild } from '@angular/core';
import { Dialog } from '../ui/dialog';
import { Icon } from '../ui/icon';
import { DevicePickers } from './device-pickers';

/**
 * The control bar's "Settings" button and the dialog it opens, with the
 * device pickers. Opening it puts focus on the first enabled picker; the
 * shared {@link Dialog} does the rest (modal, Escape, focus back).
 */
@Component({
  selector: 'parley-device-settings',
  imports: [Dialog, DevicePickers, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="round-control" aria-label="Settings" title="Settings" aria-haspopup="dialog" (click)="openSettings()">
      <parley-icon name="settings" />
    </button>
    <parley-dialog heading="Settings" [width]="460" initialFocus="select">
      <parley-device-pickers class="pickers" [explainFailures]="true" />
    </parley-dialog>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .pickers {
      padding: 10px 22px 18px;
    }
  `,
})
export class DeviceSettings {
  private readonly dialog = viewChild.required(Dialog);

  /** Opens the dialog, focusing its first device picker. */
  openSettings(): void {
    this.dialog().open();
  }
}
