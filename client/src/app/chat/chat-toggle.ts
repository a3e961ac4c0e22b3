import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { SidePanelState } from '../ui/side-panel';
import { ToggleButton } from '../ui/toggle-button';
import { LiveRegion } from '../ui/live-region';
import { ChatSession } from './chat-session';
import { chatButtonLabel, unreadBadge } from './unread';

/** The id of the chat panel, which the toggle controls. */
export const CHAT_PANEL_ID = 'parley-chat-panel';

/** The id of the toggle, so the panel can give focus back to it when it closes. */
export const CHAT_TOGGLE_ID = 'parley-chat-toggle';

/**
 * The control bar's "Chat" button: opens and closes the chat panel, shows
 * the unread count while it is closed (in its name too: "Chat, 3 unread").
 * It also holds the chat's polite live region, because the button is on
 * screen for the whole call, whether or not the panel is open.
 */
@Component({
  selector: 'parley-chat-toggle',
  imports: [ToggleButton, LiveRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-toggle-button
      icon="chat"
      [buttonId]="toggleId"
      [controls]="panelId"
      [pressed]="open()"
      [label]="label()"
      (toggled)="toggleChat()"
    >
      @if (badge(); as count) {
        <span class="badge" aria-hidden="true">{{ count }}</span>
      }
    </parley-toggle-button>
    <parley-live-region data-chat-announcer [lines]="chat.announcements()" />
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .badge {
      position: absolute;
      top: -4px;
      right: -4px;
      min-width: 20px;
      height: 20px;
      padding: 0 5px;
      border-radius: 10px;
      background: var(--accent);
      color: #0d0f15;
      font-size: 12px;
      font-weight: 800;
      line-height: 20px;
      text-align: center;
    }
  `,
})
export class ChatToggle {
  protected readonly chat = inject(ChatSession);
  private readonly panels = inject(SidePanelState);

  protected readonly panelId = CHAT_PANEL_ID;
  protected readonly toggleId = CHAT_TOGGLE_ID;
  protected readonly open = computed(() => this.panels.open() === 'chat');
  /** Nothing is unread while the panel shows the messages. */
  private readonly unread = computed(() => (this.open() ? 0 : this.chat.unread()));
  protected readonly label = computed(() => chatButtonLabel(this.unread()));
  protected readonly badge = computed(() => (this.unread() > 0 ? unreadBadge(this.unread()) : null));

  protected toggleChat(): void {
    this.panels.toggle('chat');
  }
}
