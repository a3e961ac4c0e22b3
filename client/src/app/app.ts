import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { ModalFocusTrap } from './ui/modal-focus-trap';
import { ActiveCall } from './pwa/active-call';
import { InstallPrompt } from './pwa/install-prompt';
import { OfflineScreen } from './pwa/offline-screen';
import { OnlineStatus } from './pwa/online-status';
import { UpdatePrompt } from './pwa/update-prompt';

/**
 * The shell: every screen is a route. Without a network it shows the
 * offline screen instead, except during a call, whose own status line says
 * "Reconnecting" and which must not be torn down by a network blip. The
 * update prompt sits above every screen (it keeps quiet during a call).
 */
@Component({
  selector: 'parley-root',
  imports: [RouterOutlet, OfflineScreen, UpdatePrompt],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (offline()) {
      <parley-offline-screen />
    } @else {
      <router-outlet />
    }
    <parley-update-prompt />
  `,
})
export class App {
  private readonly network = inject(OnlineStatus);
  private readonly call = inject(ActiveCall);
  protected readonly offline = computed(() => !this.network.online() && !this.call.inCall());

  constructor() {
    // Listening from the start: the browser's install offer may come while any screen shows.
    inject(InstallPrompt);
    // Tab stays inside whichever modal dialog is open, on every screen.
    inject(ModalFocusTrap);
  }
}
