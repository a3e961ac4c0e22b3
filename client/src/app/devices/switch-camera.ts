import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { flipTarget } from '../core/webrtc/camera-flip';
import { DeviceList } from '../core/webrtc/device-list';
import { LocalMedia } from '../core/webrtc/local-media';
import { describeMediaFailure } from '../core/webrtc/media-device-failure';
import { Icon } from '../ui/icon';
import { CallPublishing } from '../core/call/call-publishing';

/**
 * "Switch camera": front ↔ back on a phone (the next camera elsewhere),
 * shown only while the camera runs and a second one exists. It goes through
 * CallPublishing.useDevice like the Camera picker, so mid-call the new camera
 * replaces the old on the same sender (no renegotiation) and the choice is
 * remembered.
 */
@Component({
  selector: 'parley-switch-camera',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[style.display]': 'offered() ? null : "none"' },
  template: `
    @if (offered()) {
      <button
        type="button"
        class="round-control"
        aria-label="Switch camera"
        title="Switch camera"
        [disabled]="switching()"
        [attr.aria-busy]="switching()"
        (click)="switchCamera()"
      >
        <parley-icon name="switch-camera" />
      </button>
    }
    <span class="visually-hidden" role="status">{{ error() }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
  `,
})
export class SwitchCamera {
  private readonly publishing = inject(CallPublishing);
  private readonly media = inject(LocalMedia);
  private readonly devices = inject(DeviceList);

  protected readonly switching = signal(false);
  protected readonly error = signal('');
  /** A camera to flip to exists, and the camera is on (an off camera has nothing to flip). */
  protected readonly offered = computed(() => this.media.sendingVideo() && this.devices.lists().camera.length > 1);

  protected async switchCamera(): Promise<void> {
    const track = this.media.camera().track;
    const settings = track?.getSettings();
    const target = flipTarget(this.devices.lists().camera, { deviceId: settings?.deviceId, facingMode: settings?.facingMode });
    if (!target || this.switching()) return;
    this.switching.set(true);
    this.error.set('');
    try {
      const failure = await this.publishing.useDevice('camera', target);
      if (failure) this.error.set(`Could not switch camera. ${describeMediaFailure(failure, 'camera')}`);
    } finally {
      this.switching.set(false);
    }
  }
}
