import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { ChatPanel } from '../chat/chat-panel';
import { ChatToggle } from '../chat/chat-toggle';
import { LocalMedia } from '../core/webrtc/local-media';
import { DeviceSettings } from '../devices/device-settings';
import { ParticipantsPanel } from '../participants/participants-panel';
import { ParticipantsToggle } from '../participants/participants-toggle';
import { CallSession } from './call-session';
import { ConnectionStatus } from './connection-status';
import { ControlBar } from './control-bar';
import { CopyLink } from './copy-link';
import { bestGrid } from './grid-layout';
import { ParticipantsStore } from './participants-store';
import { ParticipantTile } from './participant-tile';
import { SidePanelState } from './side-panel';
import { buildTiles } from './tile';

/** Must match the grid's `gap` in call-view.css. */
const GRID_GAP_PX = 8;

/** The call: the grid of tiles, the status line and the control bar. */
@Component({
  selector: 'parley-call-view',
  imports: [
    ParticipantTile,
    ControlBar,
    ConnectionStatus,
    CopyLink,
    ChatPanel,
    ChatToggle,
    DeviceSettings,
    ParticipantsPanel,
    ParticipantsToggle,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(document:keydown)': 'handleShortcut($event)',
  },
  templateUrl: './call-view.html',
  styleUrl: './call-view.css',
})
export class CallView {
  readonly room = input.required<string>();

  protected readonly session = inject(CallSession);
  protected readonly media = inject(LocalMedia);
  private readonly participants = inject(ParticipantsStore);
  protected readonly sidePanel = inject(SidePanelState);

  protected readonly tiles = computed(() =>
    buildTiles(
      {
        participantId: this.participants.self()?.id ?? 'self',
        name: this.participants.self()?.name ?? this.session.name(),
        sendingAudio: this.media.sendingAudio(),
        video: this.media.sendingVideo() ? this.media.camera().track : null,
      },
      this.participants.others(),
      this.session.remoteTracks(),
    ),
  );
  protected readonly alone = computed(() => this.tiles().length === 1);
  private readonly grid = viewChild.required<ElementRef<HTMLElement>>('grid');
  /** The grid's measured size; the layout follows it, not the viewport's orientation. */
  private readonly gridSize = signal({ width: 1280, height: 720 });
  protected readonly shape = computed(() => {
    const { width, height } = this.gridSize();
    return bestGrid(this.tiles().length, width, height, GRID_GAP_PX);
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const observer = new ResizeObserver(([entry]) => {
        if (entry) this.gridSize.set({ width: entry.contentRect.width, height: entry.contentRect.height });
      });
      observer.observe(this.grid().nativeElement);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected toggleMicrophone(): void {
    void this.session.toggleMicrophone();
  }

  protected toggleCamera(): void {
    void this.session.toggleCamera();
  }

  protected leaveCall(): void {
    void this.session.leave();
  }

  protected retryConnection(): void {
    void this.session.retry();
  }

  /** Meet's shortcuts: Ctrl/⌘+D toggles the microphone, Ctrl/⌘+E the camera. */
  protected handleShortcut(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const key = event.key.toLowerCase();
    if (key === 'd') this.toggleMicrophone();
    else if (key === 'e') this.toggleCamera();
    else return;
    event.preventDefault();
  }
}
