import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { Icon } from '../ui/icon';
import { DeviceToggle } from '../ui/device-toggle';

/** The call's bottom bar: microphone, camera, leave. It only reports intents. */
@Component({
  selector: 'parley-control-bar',
  imports: [DeviceToggle, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'toolbar', 'aria-label': 'Call controls' },
  template: `
    <parley-device-toggle
      device="microphone"
      [on]="microphoneOn()"
      [problem]="microphoneProblem()"
      (toggled)="toggleMicrophone.emit()"
    />
    <parley-device-toggle device="camera" [on]="cameraOn()" [problem]="cameraProblem()" (toggled)="toggleCamera.emit()" />
    <!-- Feature buttons (chat, ...) projected by the call view, which owns their state. -->
    <ng-content />
    <button type="button" class="leave" aria-label="Leave call" title="Leave call" (click)="leave.emit()">
      <parley-icon name="call-end" />
    </button>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      align-items: center;
      gap: 14px;
    }
    /* Seven controls do not fit a phone's width at full spacing: tighten, then wrap rather than overflow. */
    @media (max-width: 520px) {
      :host {
        gap: 10px 8px;
      }
    }
    .leave {
      display: inline-grid;
      place-items: center;
      width: 68px;
      height: 52px;
      border: 0;
      border-radius: 999px;
      background: var(--danger);
      color: #fff;
      cursor: pointer;
      font-size: 1.05rem;
      transition: background-color 120ms;
    }
    .leave:hover {
      background: var(--danger-strong);
    }
  `,
})
export class ControlBar {
  readonly microphoneOn = input.required<boolean>();
  readonly cameraOn = input.required<boolean>();
  readonly microphoneProblem = input(false);
  readonly cameraProblem = input(false);
  readonly toggleMicrophone = output<void>();
  readonly toggleCamera = output<void>();
  readonly leave = output<void>();
}
