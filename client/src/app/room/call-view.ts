import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { ChatPanel } from '../chat/chat-panel';
import { ChatToggle } from '../chat/chat-toggle';
import { LocalMedia } from '../core/webrtc/local-media';
import { DeviceSettings } from '../devices/device-settings';
import { HostControls } from '../host/host-controls';
import { KnockPrompts } from '../host/knock-prompts';
import { MutedNotice } from '../host/muted-notice';
import { ParticipantsPanel } from '../participants/participants-panel';
import { ParticipantsToggle } from '../participants/participants-toggle';
import { AutoplayPrompt } from './autoplay-prompt';
import { CallSession } from './call-session';
import { ConnectionStatus } from './connection-status';
import { ControlBar } from './control-bar';
import { CopyLink } from './copy-link';
import { HandToggle } from './hand-toggle';
import { LayoutSwitch } from './layout-switch';
import { NetworkQualityMonitor } from './network-quality-monitor';
import { ParticipantsStore } from './participants-store';
import { RaiseHand } from './raise-hand';
import { ScreenShare } from './screen-share';
import { ScreenShareBanner } from './screen-share-banner';
import { ScreenShareToggle } from './screen-share-toggle';
import { buildScreenTiles } from './screen-tile';
import { SpeakerStore } from './speaker-state';
import { Stage } from './stage';
import { StageLayoutState } from './stage-layout';
import { ViewReporter } from './view-reporter';
import { SidePanelState } from './side-panel';
import { buildTiles } from './tile';

/** The call: the grid of tiles, the status line and the control bar. */
@Component({
  selector: 'parley-call-view',
  imports: [
    Stage,
    LayoutSwitch,
    HandToggle,
    ControlBar,
    ConnectionStatus,
    CopyLink,
    ChatPanel,
    ChatToggle,
    DeviceSettings,
    ParticipantsPanel,
    ParticipantsToggle,
    HostControls,
    KnockPrompts,
    MutedNotice,
    AutoplayPrompt,
    ScreenShareToggle,
    ScreenShareBanner,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // What only a shown call needs: view reports, quality sampling, speakers, the raised hand, one's screen share, the layout shown.
  providers: [ViewReporter, NetworkQualityMonitor, SpeakerStore, RaiseHand, ScreenShare, StageLayoutState],
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
        handRaisedAt: this.participants.self()?.handRaisedAt ?? null,
        isHost: this.participants.self()?.role === 'host',
      },
      this.participants.others(),
      this.session.remoteTracks(),
    ),
  );
  protected readonly alone = computed(() => this.tiles().length === 1);
  protected readonly stageLayout = inject(StageLayoutState);
  /** Others' shared screens, oldest share first; one's own is never shown back (the banner says it is on). */
  protected readonly screens = computed(() =>
    buildScreenTiles(this.participants.others(), this.session.remoteTracks(), this.stageLayout.shares()),
  );

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
