import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { InstallPrompt } from './install-prompt';

/** "Install app", only where the browser offers installation (see InstallPrompt). */
@Component({
  selector: 'parley-install-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (installer.available()) {
      <button type="button" class="button quiet" (click)="installApp()">Install app</button>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-top: 24px;
    }
    /* Only Angular's comment anchors inside: take no room. */
    :host:empty {
      display: none;
    }
    .button {
      padding: 0 12px;
      margin-left: -12px;
    }
  `,
})
export class InstallButton {
  protected readonly installer = inject(InstallPrompt);

  protected installApp(): void {
    void this.installer.install();
  }
}
