import { ChangeDetectionStrategy, Component, afterNextRender, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { displayNameSchema, type RoomId } from '@parley/protocol';
import { mirrorsPreview } from '../core/webrtc/camera-flip';
import { describeMediaFailure } from '../core/webrtc/media-device-failure';
import { LocalMedia } from '../core/webrtc/local-media';
import { DevicePickers } from '../devices/device-pickers';
import { SwitchCamera } from '../devices/switch-camera';
import { Icon } from '../ui/icon';
import { CallPublishing } from '../core/call/call-publishing';
import { CallSession } from '../core/call/call-session';
import { CopyLink } from '../ui/copy-link';
import { DeviceToggle } from '../ui/device-toggle';
import { MediaTrack } from '../ui/media-track';
import { JoinAccess } from '../core/call/join-access';
import { LobbyWaiting } from '../access/lobby-waiting';
import { PasswordField } from '../access/password-field';
import { DisplayNameStorage } from './display-name-storage';

/**
 * Before joining: a mirrored camera preview, the microphone and camera
 * toggles and pickers, the name to join with, and the meeting's code and link. Device
 * failures are explained here; joining works with whatever is left.
 */
@Component({
  selector: 'parley-lobby',
  imports: [CopyLink, DevicePickers, DeviceToggle, Icon, LobbyWaiting, MediaTrack, PasswordField, RouterLink, SwitchCamera],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lobby.html',
  styleUrl: './lobby.css',
})
export class Lobby {
  readonly room = input.required<RoomId>();
  /** Join as soon as the lobby shows (for "Rejoin"), when a name is remembered. */
  readonly autoJoin = input(false);

  protected readonly media = inject(LocalMedia);
  protected readonly session = inject(CallSession);
  private readonly publishing = inject(CallPublishing);
  private readonly names = inject(DisplayNameStorage);

  protected readonly name = signal(this.names.load());
  protected readonly nameValid = computed(() => displayNameSchema.safeParse(this.name()).success);
  /** From the click until the first remote offer is answered; the call view shows after (see CallSession). */
  protected readonly joining = computed(() => this.session.phase().kind === 'joining');
  /** Knocked on a room with a lobby: the waiting note replaces the form. */
  protected readonly waiting = computed(() => this.session.phase().kind === 'waiting');
  /** Whether the room asked for a password (the field then shows in the form). */
  protected readonly access = inject(JoinAccess);
  protected readonly joinError = computed(() => {
    const phase = this.session.phase();
    // "Needs a password" is no failure to shout about: the password field and its hint say it.
    if (this.access.passwordMissing()) return null;
    return phase.kind === 'failed' ? phase.message : null;
  });
  protected readonly previewTrack = computed(() => (this.media.sendingVideo() ? this.media.camera().track : null));
  /** Mirrored like a mirror, except a phone's back camera. */
  protected readonly mirrorPreview = computed(() => mirrorsPreview(this.previewTrack()));
  protected readonly previewMessage = computed(() => {
    if (this.media.starting()) return 'Starting camera…';
    return this.media.camera().failure ? 'Camera unavailable' : 'Camera is off';
  });
  protected readonly deviceProblems = computed(() => {
    const problems: string[] = [];
    const microphone = this.media.microphone().failure;
    const camera = this.media.camera().failure;
    if (microphone) problems.push(describeMediaFailure(microphone, 'microphone'));
    if (camera) problems.push(describeMediaFailure(camera, 'camera'));
    return problems;
  });
  /** Neither device works: say that joining still works, as a viewer. */
  protected readonly viewerOnly = computed(
    () => this.media.microphone().failure !== null && this.media.camera().failure !== null,
  );

  constructor() {
    void this.media.start();
    this.session.prepare();
    afterNextRender(() => {
      if (this.autoJoin() && this.nameValid()) this.joinMeeting();
    });
  }

  protected updateName(value: string): void {
    this.name.set(value);
  }

  protected submitJoin(event: SubmitEvent): void {
    event.preventDefault();
    this.joinMeeting();
  }

  protected toggleMicrophone(): void {
    void this.publishing.toggleMicrophone();
  }

  protected toggleCamera(): void {
    void this.publishing.toggleCamera();
  }

  private joinMeeting(): void {
    if (!this.nameValid() || this.joining()) return;
    const name = this.name().trim();
    this.names.save(name);
    this.session.join(this.room(), name);
  }
}
