import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, viewChild } from '@angular/core';
import { ChatPanel } from '../chat/chat-panel';
import { CHAT_PANEL_ID, CHAT_TOGGLE_ID, ChatToggle } from '../chat/chat-toggle';
import { LocalMedia } from '../core/webrtc/local-media';
import { DeviceSettings } from '../devices/device-settings';
import { SwitchCamera } from '../devices/switch-camera';
import { HostControls } from '../host/host-controls';
import { KnockPrompts } from '../host/knock-prompts';
import { MutedNotice } from '../host/muted-notice';
import { ParticipantsPanel } from '../participants/participants-panel';
import { PARTICIPANTS_PANEL_ID, PARTICIPANTS_TOGGLE_ID, ParticipantsToggle } from '../participants/participants-toggle';
import { CallShortcuts, availableShortcuts, type ShortcutHandlers } from '../keyboard/call-shortcuts';
import { ShortcutHelp } from '../keyboard/shortcut-help';
import { ActiveCall } from '../pwa/active-call';
import { AutoplayPrompt } from './autoplay-prompt';
import { CallConnections } from '../core/call/call-connections';
import { CallPublishing } from '../core/call/call-publishing';
import { CallSession } from '../core/call/call-session';
import { ConnectionStatus } from './connection-status';
import { ControlBar } from './control-bar';
import { CopyLink } from '../ui/copy-link';
import { HandToggle } from './hand-toggle';
import { ReactionBar } from './reaction-bar';
import { Reactions } from '../core/call/reactions';
import { LayoutSwitch } from './layout-switch';
import { NetworkQualityMonitor } from './network-quality-monitor';
import { ParticipantsStore } from '../core/call/participants-store';
import { RaiseHand } from './raise-hand';
import { ScreenShare } from './screen-share';
import { ScreenShareBanner } from './screen-share-banner';
import { ScreenShareToggle } from './screen-share-toggle';
import { buildScreenTiles } from './screen-tile';
import { SpeakerStore } from '../core/call/speaker-state';
import { Stage } from './stage';
import { StageLayoutState } from './stage-layout';
import { ViewReporter } from './view-reporter';
import { SidePanelState, type SidePanel } from '../ui/side-panel';
import { buildTiles } from './tile';

/** The call: the grid of tiles, the status line and the control bar. */
@Component({
  selector: 'parley-call-view',
  imports: [
    Stage,
    LayoutSwitch,
    HandToggle,
    ReactionBar,
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
    CallShortcuts,
    ShortcutHelp,
    SwitchCamera,
    ScreenShareToggle,
    ScreenShareBanner,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // What only a shown call needs: view reports, quality sampling, speakers, the raised hand, one's screen share, the layout shown, reactions.
  providers: [ViewReporter, NetworkQualityMonitor, SpeakerStore, RaiseHand, ScreenShare, StageLayoutState, Reactions],
  templateUrl: './call-view.html',
  styleUrl: './call-view.css',
})
export class CallView {
  readonly room = input.required<string>();

  protected readonly session = inject(CallSession);
  private readonly publishing = inject(CallPublishing);
  private readonly connections = inject(CallConnections);
  protected readonly media = inject(LocalMedia);
  private readonly participants = inject(ParticipantsStore);
  protected readonly sidePanel = inject(SidePanelState);
  private readonly hand = inject(RaiseHand);
  private readonly share = inject(ScreenShare);
  private readonly document = inject(DOCUMENT);
  private readonly help = viewChild.required(ShortcutHelp);
  private readonly reactionBar = viewChild.required(ReactionBar);

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
      this.connections.remoteTracks(),
    ),
  );
  protected readonly alone = computed(() => this.tiles().length === 1);
  protected readonly stageLayout = inject(StageLayoutState);
  /** Others' shared screens, oldest share first; one's own is never shown back (the banner says it is on). */
  protected readonly screens = computed(() =>
    buildScreenTiles(this.participants.others(), this.connections.remoteTracks(), this.stageLayout.shares()),
  );
  /** What each keyboard shortcut does in this call (the keys are in keyboard/shortcuts.ts). */
  protected readonly shortcuts: ShortcutHandlers = {
    'toggle-microphone': () => this.toggleMicrophone(),
    'toggle-camera': () => this.toggleCamera(),
    // No S where the browser cannot share a screen (phones), as there is no button.
    ...(this.share.supported ? { 'toggle-screen-share': () => void this.share.toggle() } : {}),
    'toggle-chat': () => this.togglePanel('chat'),
    'toggle-participants': () => this.togglePanel('participants'),
    'toggle-hand': () => void this.hand.toggle(),
    'toggle-reactions': () => this.reactionBar().toggle(),
    'show-help': () => this.help().openHelp(),
    'close-panel': () => this.closePanel(),
  };
  protected readonly shortcutList = availableShortcuts(this.shortcuts);

  constructor() {
    // While the call shows, the app shell holds back what would interrupt it (the update prompt).
    inject(DestroyRef).onDestroy(inject(ActiveCall).hold());
  }

  protected toggleMicrophone(): void {
    void this.publishing.toggleMicrophone();
  }

  protected toggleCamera(): void {
    void this.publishing.toggleCamera();
  }

  protected leaveCall(): void {
    void this.session.leave();
  }

  protected retryConnection(): void {
    this.session.retry();
  }

  /**
   * Opens or closes a side panel from the keyboard. A panel that closes
   * with focus inside it (or nowhere) hands focus to its button, as its own
   * Close button does; focus elsewhere stays put.
   */
  private togglePanel(panel: SidePanel): void {
    const closing = this.sidePanel.open() === panel;
    const ids = panel === 'chat' ? { panel: CHAT_PANEL_ID, toggle: CHAT_TOGGLE_ID } : { panel: PARTICIPANTS_PANEL_ID, toggle: PARTICIPANTS_TOGGLE_ID };
    const active = this.document.activeElement;
    const focusInside = !active || active === this.document.body || (this.document.getElementById(ids.panel)?.contains(active) ?? false);
    this.sidePanel.toggle(panel);
    if (closing && focusInside) this.document.getElementById(ids.toggle)?.focus();
  }

  /** Escape: closes the open side panel; false (the key is not taken) when none is open. */
  private closePanel(): boolean {
    const open = this.sidePanel.open();
    if (open === null) return false;
    this.togglePanel(open);
    return true;
  }
}
