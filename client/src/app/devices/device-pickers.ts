import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { AudioOutput } from '../core/webrtc/audio-output';
import { DeviceList, type DeviceOption, type DevicePurpose } from '../core/webrtc/device-list';
import { DevicePreferences, findRemembered } from '../core/webrtc/device-preferences';
import { LocalMedia } from '../core/webrtc/local-media';
import { MediaDeviceFailure, describeMediaFailure } from '../core/webrtc/media-device-failure';
import { Icon, type IconName } from '../ui/icon';
import { CallPublishing } from '../core/call/call-publishing';

/** One picker as the template draws it. */
interface PickerRow {
  readonly purpose: DevicePurpose;
  readonly title: string;
  readonly icon: IconName;
  readonly options: readonly DeviceOption[];
  /** The deviceId shown as chosen ('' when there is nothing to choose). */
  readonly selected: string;
  /** Shown as the only entry when nothing can be chosen. */
  readonly empty: string;
  /** Why the device is not working, when asked to explain. */
  readonly problem: string | null;
}

let nextId = 0;

/**
 * The microphone, camera and speaker pickers, for the lobby and the
 * Settings dialog. Choosing a microphone or camera switches the running
 * device at once (mid-call without renegotiating, see CallPublishing.useDevice)
 * and is remembered; the speaker picker appears only where the browser can
 * route audio (setSinkId). Before permission the browser hides device names,
 * so the pickers say why the list is thin.
 */
@Component({
  selector: 'parley-device-pickers',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (row of rows(); track row.purpose) {
      <div class="picker" [attr.data-device-picker]="row.purpose">
        <label [for]="idOf(row.purpose)"><parley-icon [name]="row.icon" />{{ row.title }}</label>
        <select
          #select
          [id]="idOf(row.purpose)"
          [disabled]="row.options.length === 0"
          [attr.aria-busy]="switching() === row.purpose"
          (change)="choose(row.purpose, select)"
        >
          @for (option of row.options; track option.deviceId) {
            <option [value]="option.deviceId" [selected]="option.deviceId === row.selected">{{ option.label }}</option>
          } @empty {
            <option value="">{{ row.empty }}</option>
          }
        </select>
        @if (errors()[row.purpose]; as error) {
          <p class="message error" role="alert">{{ error }}</p>
        } @else if (row.problem) {
          <p class="message">{{ row.problem }}</p>
        }
      </div>
    }
    @if (namesHidden()) {
      <p class="hint">Device names appear once Parley may use your camera and microphone.</p>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 14px;
    }
    .picker {
      display: grid;
      gap: 6px;
      min-width: 0;
    }
    label {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      font-weight: 600;
      font-size: 0.95rem;
    }
    label parley-icon {
      font-size: 0.8rem;
      color: var(--text-muted);
    }
    select {
      width: 100%;
      min-width: 0;
      height: 44px;
      padding: 0 12px;
      border: 1px solid var(--border);
      border-radius: 10px;
      background: var(--surface);
      color: var(--text);
      font: inherit;
      font-size: 0.95rem;
      text-overflow: ellipsis;
    }
    select:hover:not(:disabled) {
      border-color: #454b5e;
    }
    select:disabled {
      color: var(--text-muted);
    }
    select[aria-busy='true'] {
      opacity: 0.7;
    }
    .message,
    .hint {
      margin: 0;
      color: var(--text-muted);
      font-size: 0.88rem;
      line-height: 1.4;
    }
    .error {
      color: var(--warning);
    }
    .hint {
      grid-column: 1 / -1;
    }
  `,
})
export class DevicePickers {
  /** Also say under each picker why its device is not working (the lobby says it elsewhere). */
  readonly explainFailures = input(false);

  private readonly deviceList = inject(DeviceList);
  private readonly preferences = inject(DevicePreferences);
  private readonly media = inject(LocalMedia);
  private readonly publishing = inject(CallPublishing);
  private readonly output = inject(AudioOutput);
  private readonly instance = nextId++;

  protected readonly lists = this.deviceList.lists;
  /** The picker whose switch is under way. */
  protected readonly switching = signal<DevicePurpose | null>(null);
  /**
   * The browser hides names until permission is granted; say so, except when
   * permission was refused (the refusal is explained instead, and names would
   * not appear anyway).
   */
  protected readonly namesHidden = computed(
    () =>
      this.lists().labelsHidden &&
      this.media.microphone().failure !== MediaDeviceFailure.PermissionDenied &&
      this.media.camera().failure !== MediaDeviceFailure.PermissionDenied,
  );
  /** Why the last switch of each picker failed, until the next choice. */
  protected readonly errors = signal<Partial<Record<DevicePurpose, string>>>({});

  protected readonly rows = computed<PickerRow[]>(() => {
    const lists = this.lists();
    const hidden = lists.labelsHidden;
    const explain = this.explainFailures();
    const problem = (purpose: 'microphone' | 'camera') => {
      const failure = (purpose === 'camera' ? this.media.camera() : this.media.microphone()).failure;
      return explain && failure ? describeMediaFailure(failure, purpose) : null;
    };
    const rows: PickerRow[] = [
      {
        purpose: 'microphone',
        title: 'Microphone',
        icon: 'mic',
        options: lists.microphone,
        selected: this.selectedInput('microphone', lists.microphone),
        empty: hidden ? 'Default microphone' : 'No microphone found',
        problem: problem('microphone'),
      },
      {
        purpose: 'camera',
        title: 'Camera',
        icon: 'camera',
        options: lists.camera,
        selected: this.selectedInput('camera', lists.camera),
        empty: hidden ? 'Default camera' : 'No camera found',
        problem: problem('camera'),
      },
    ];
    if (this.output.supported && lists.speaker.length > 0) {
      rows.push({
        purpose: 'speaker',
        title: 'Speaker',
        icon: 'speaker',
        options: lists.speaker,
        selected: this.selectedSpeaker(lists.speaker),
        empty: 'System default',
        problem: null,
      });
    }
    return rows;
  });

  protected idOf(purpose: DevicePurpose): string {
    return `parley-device-${purpose}-${this.instance}`;
  }

  protected async choose(purpose: DevicePurpose, select: HTMLSelectElement): Promise<void> {
    const option = this.lists()[purpose].find((o) => o.deviceId === select.value);
    if (!option) return;
    this.errors.update((errors) => ({ ...errors, [purpose]: undefined }));
    if (purpose === 'speaker') {
      this.output.choose(option);
      return;
    }
    this.switching.set(purpose);
    try {
      const failure = await this.publishing.useDevice(purpose, option);
      if (failure) {
        this.errors.update((errors) => ({
          ...errors,
          [purpose]: `Could not switch to ${option.label}. ${describeMediaFailure(failure, purpose)}`,
        }));
      }
    } finally {
      this.switching.set(null);
      // The device running may not be the one picked (it failed): show the truth.
      const row = this.rows().find((r) => r.purpose === purpose);
      if (row) select.value = row.selected;
    }
  }

  /** The device running, else the remembered one (camera off), else the browser's default (first listed). */
  private selectedInput(kind: 'microphone' | 'camera', options: readonly DeviceOption[]): string {
    const running = (kind === 'camera' ? this.media.camera() : this.media.microphone()).track?.getSettings().deviceId;
    if (running && options.some((o) => o.deviceId === running)) return running;
    return findRemembered(this.preferences.all()[kind], options)?.deviceId ?? options[0]?.deviceId ?? '';
  }

  private selectedSpeaker(options: readonly DeviceOption[]): string {
    const chosen = this.output.deviceId();
    if (chosen) return chosen;
    return options.find((o) => o.deviceId === 'default')?.deviceId ?? options[0]?.deviceId ?? '';
  }
}
