import { ChangeDetectionStrategy, Component, afterNextRender, computed, inject, viewChild } from '@angular/core';
import { LocalMedia } from '../core/webrtc/local-media';
import { ParticipantActions } from '../host/participant-actions';
import { Icon } from '../ui/icon';
import { ParticipantsStore } from '../core/call/participants-store';
import { SidePanelState } from '../ui/side-panel';
import { SidePanelFrame, sidePanelHeadingId } from '../ui/side-panel-frame';
import { initialsOf } from '../ui/initials';
import { PARTICIPANTS_PANEL_ID, PARTICIPANTS_TOGGLE_ID } from './participants-toggle';
import { rosterOrder } from './roster-order';

/** A row as the template draws it. */
interface RosterRow {
  readonly id: string;
  readonly name: string;
  readonly initials: string;
  readonly isSelf: boolean;
  readonly isHost: boolean;
  readonly audioMuted: boolean;
  readonly videoMuted: boolean;
  readonly handPosition: number | null;
}

/**
 * Everyone in the meeting, beside the video (a full-screen sheet on a
 * phone): oneself first, raised hands next in the order raised, then the
 * rest as they joined (see rosterOrder), each with the host badge and
 * microphone and camera state. Opening it moves focus to its heading;
 * Escape or "Close participants" closes it and gives focus back to the
 * "Participants" button.
 */
@Component({
  selector: 'parley-participants-panel',
  imports: [Icon, ParticipantActions, SidePanelFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-side-panel
      heading="Participants"
      [count]="rows().length"
      [panelId]="panelId"
      [returnFocusTo]="toggleId"
      (closed)="closePanel()"
    >
      <ul class="list" [attr.aria-labelledby]="headingId">
        @for (row of rows(); track row.id) {
          <li class="row" [attr.data-participant-id]="row.id" [attr.data-self]="row.isSelf ? 'true' : null">
            <span class="avatar" aria-hidden="true">{{ row.initials }}</span>
            <span class="who">
              <span class="name">{{ row.name }}</span>
              @if (row.isSelf) {
                <span class="you">(you)</span>
              }
              @if (row.isHost) {
                <span class="badge host" data-host>Host</span>
              }
            </span>
            <span class="state">
              @if (row.handPosition !== null) {
                <span class="hand" [title]="'Hand raised, number ' + row.handPosition + ' in line'" data-hand>
                  <parley-icon name="hand" />
                  <span aria-hidden="true">{{ row.handPosition }}</span>
                  <span class="visually-hidden">Hand raised, number {{ row.handPosition }} in line</span>
                </span>
              }
              <span class="device" [class.off]="row.audioMuted" [title]="row.audioMuted ? 'Microphone muted' : 'Microphone on'">
                <parley-icon [name]="row.audioMuted ? 'mic-off' : 'mic'" />
                <span class="visually-hidden">{{ row.audioMuted ? 'Microphone muted' : 'Microphone on' }}</span>
              </span>
              <span class="device" [class.off]="row.videoMuted" [title]="row.videoMuted ? 'Camera off' : 'Camera on'">
                <parley-icon [name]="row.videoMuted ? 'camera-off' : 'camera'" />
                <span class="visually-hidden">{{ row.videoMuted ? 'Camera off' : 'Camera on' }}</span>
              </span>
            </span>
            @if (!row.isSelf) {
              <!-- Hosts only (it renders nothing for guests): mute, make host, remove. -->
              <parley-participant-actions [participantId]="row.id" [name]="row.name" [isHost]="row.isHost" [audioMuted]="row.audioMuted" />
            }
          </li>
        }
      </ul>
    </parley-side-panel>
  `,
  styles: `
    /* The frame (parley-side-panel) is the box: beside the call, or the whole screen on a phone. */
    :host {
      display: contents;
    }
    .list {
      margin: 0;
      padding: 4px 8px max(12px, env(safe-area-inset-bottom));
      overflow-y: auto;
      list-style: none;
    }
    .row {
      display: flex;
      align-items: center;
      gap: 12px;
      min-height: 56px;
      padding: 6px 10px;
      border-radius: 10px;
    }
    .row:hover {
      background: var(--surface-2);
    }
    .avatar {
      display: grid;
      flex: none;
      place-items: center;
      width: 36px;
      height: 36px;
      border-radius: 50%;
      background: var(--surface-3);
      font-size: 0.85rem;
      font-weight: 700;
    }
    .who {
      display: flex;
      flex: 1;
      flex-wrap: wrap;
      align-items: center;
      gap: 2px 8px;
      min-width: 0;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      min-width: 0;
      max-width: 100%;
    }
    .you {
      color: var(--text-muted);
    }
    .badge {
      padding: 1px 8px;
      border-radius: 999px;
      font-size: 0.75rem;
      font-weight: 700;
      letter-spacing: 0.02em;
    }
    .host {
      background: rgb(124 131 255 / 0.18);
      color: var(--focus);
    }
    .state {
      display: flex;
      flex: none;
      align-items: center;
      gap: 10px;
      color: var(--text-muted);
    }
    .hand {
      display: inline-flex;
      align-items: center;
      gap: 3px;
      padding: 1px 8px 1px 6px;
      border-radius: 999px;
      background: rgb(245 185 66 / 0.18);
      color: var(--warning);
      font-size: 0.85rem;
      font-weight: 700;
      white-space: nowrap;
    }
    .hand parley-icon {
      font-size: 0.75rem;
    }
    .device {
      display: inline-flex;
      font-size: 0.8rem;
    }
    .device.off {
      color: var(--danger);
    }
  `,
})
export class ParticipantsPanel {
  private readonly participants = inject(ParticipantsStore);
  private readonly media = inject(LocalMedia);
  private readonly panels = inject(SidePanelState);
  private readonly frame = viewChild.required(SidePanelFrame);
  protected readonly panelId = PARTICIPANTS_PANEL_ID;
  protected readonly toggleId = PARTICIPANTS_TOGGLE_ID;
  protected readonly headingId = sidePanelHeadingId(PARTICIPANTS_PANEL_ID);

  protected readonly rows = computed<RosterRow[]>(() =>
    rosterOrder(this.participants.self(), this.participants.others()).map(({ participant, isSelf, handPosition }) => ({
      id: participant.id,
      name: participant.name,
      initials: initialsOf(participant.name),
      isSelf,
      isHost: participant.role === 'host',
      // One's own state from the devices themselves, like one's own tile: no round trip.
      audioMuted: isSelf ? !this.media.sendingAudio() : participant.audioMuted,
      videoMuted: isSelf ? !this.media.sendingVideo() : participant.videoMuted,
      handPosition,
    })),
  );

  constructor() {
    afterNextRender(() => this.frame().focusHeading());
  }

  protected closePanel(): void {
    this.panels.close('participants');
  }
}
