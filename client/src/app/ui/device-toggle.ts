import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { IconName } from './icon';
import type { DeviceKind } from '../core/webrtc/media-device-failure';
import { ToggleButton } from './toggle-button';

/** Names and icons while the device is on (not pressed) and off (pressed). */
const FACES: Record<DeviceKind, { readonly on: string; readonly off: string; readonly onIcon: IconName; readonly offIcon: IconName }> = {
  microphone: { on: 'Mute microphone', off: 'Unmute microphone', onIcon: 'mic', offIcon: 'mic-off' },
  camera: { on: 'Turn off camera', off: 'Turn on camera', onIcon: 'camera', offIcon: 'camera-off' },
};

/**
 * The round microphone or camera button, shared by the lobby and the call so
 * both say the same thing. Its name says what pressing it does ("Mute
 * microphone"); `aria-pressed` is true while the device is muted or off.
 */
@Component({
  selector: 'parley-device-toggle',
  imports: [ToggleButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-device]': 'device()' },
  template: `
    <parley-toggle-button
      tone="danger"
      [pressed]="!on()"
      [label]="face().on"
      [pressedLabel]="face().off"
      [icon]="face().onIcon"
      [pressedIcon]="face().offIcon"
      (toggled)="toggled.emit()"
    >
      @if (problem()) {
        <span class="problem" aria-hidden="true">!</span>
      }
    </parley-toggle-button>
  `,
  styles: `
    :host {
      display: inline-flex;
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

  protected readonly face = computed(() => FACES[this.device()]);
}
