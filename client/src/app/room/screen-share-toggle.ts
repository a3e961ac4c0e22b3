import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ToggleButton } from '../ui/toggle-button';
import { ScreenShare } from './screen-share';

/**
 * The control bar's "Share screen" / "Stop sharing" button. Its name says
 * what pressing it does; `aria-pressed` is true while sharing. Browsers
 * without getDisplayMedia (phones) get no button at all rather than one
 * that can only fail.
 */
@Component({
  selector: 'parley-screen-share-toggle',
  imports: [ToggleButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[style.display]': 'share.supported ? null : "none"' },
  template: `
    @if (share.supported) {
      <parley-toggle-button
        tone="accent"
        icon="screen-share"
        pressedIcon="screen-share-off"
        label="Share screen"
        pressedLabel="Stop sharing"
        [pressed]="share.sharing()"
        [disabled]="share.busy()"
        (toggled)="toggleScreenShare()"
      />
    }
  `,
  styles: `
    :host {
      display: inline-flex;
    }
  `,
})
export class ScreenShareToggle {
  protected readonly share = inject(ScreenShare);

  protected toggleScreenShare(): void {
    void this.share.toggle();
  }
}
