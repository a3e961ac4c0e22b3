import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { Icon, type IconName } from '../icons/icon';
import type { DeviceKind } from '../core/webrtc/media-device-failure';

const LABELS: Record<DeviceKind, { readonly on: string; readonly off: string }> = {
  microphone: { on: 'Mute microphone', off: 'Unmute microphone' },
  camera: { on: 'Turn off camera', off: 'Turn on camera' },
};

const ICONS: Record<DeviceKind, { readonly on: IconName; readonly off: IconName }> = {
  microphone: { on: 'mic', off: 'mic-off' },
  camera: { on: 'camera', off: 'camera-off' },
};

/**
 * The round microphone or camera button, shared by the lobby and the call so
 * both say the same thing. Its name says what pressing it does ("Mute
 * microphone"); `aria-pressed` is true while the device is muted or off.
 */
@Component({
  selector: 'parley-device-toggle',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="round"
      [class.off]="!on()"
      [attr.aria-label]="label()"
      [attr.aria-pressed]="!on()"
      [attr.data-device]="device()"
      [title]="label()"
      (click)="toggled.emit()"
    >
      <parley-icon [name]="icon()" />
      @if (problem()) {
        <span class="problem" aria-hidden="true">!</span>
      }
    </button>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .round {
      position: relative;
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
    .round.off {
      background: var(--danger);
      border-color: transparent;
    }
    .round.off:hover {
      background: var(--danger-strong);
    }
    .problem {
      position: absolute;
      top: -3px;
      right: -3px;
      width: 18px;
      height: 18px;
      border-radius: 50%;
      background: var(--warning);
      color: #1b1b1b;
      font-size: 12px;
      font-weight: 800;
      line-height: 18px;
      text-align: center;
    }
  `,
})
export class DeviceToggle {
  readonly device = input.required<DeviceKind>();
  /** True while the device is on (unmuted / camera sending). */
  readonly on = input.required<boolean>();
  /** True when the device failed to start; pressing the button tries again. */
  readonly problem = input(false);
  readonly toggled = output<void>();

  protected readonly label = computed(() => LABELS[this.device()][this.on() ? 'on' : 'off']);
  protected readonly icon = computed(() => ICONS[this.device()][this.on() ? 'on' : 'off']);
}
