import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, afterNextRender, effect, inject, viewChild } from '@angular/core';
import { Icon } from '../icons/icon';
import { SidePanelState } from '../room/side-panel';
import { ChatComposer } from './chat-composer';
import { ChatMessageList } from './chat-message-list';
import { ChatSession } from './chat-session';
import { ChatStore } from './chat-store';
import { CHAT_PANEL_ID, CHAT_TOGGLE_ID } from './chat-toggle';

/**
 * The chat beside the video (a full-screen sheet on a phone): the messages,
 * and the composer. Opening it puts the cursor in the composer; Escape or
 * "Close chat" closes it and gives focus back to the "Chat" button. While
 * it is open, everything in it counts as read.
 */
@Component({
  selector: 'parley-chat-panel',
  imports: [ChatComposer, ChatMessageList, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'complementary',
    'aria-labelledby': 'parley-chat-title',
    '[id]': 'panelId',
    '(keydown.escape)': 'closeChat($event)',
  },
  template: `
    <header class="head">
      <h2 id="parley-chat-title">Chat</h2>
      <button type="button" class="close" aria-label="Close chat" title="Close chat" (click)="closeChat()">
        <parley-icon name="close" />
      </button>
    </header>
    <parley-chat-message-list
      class="list"
      [groups]="chat.groups()"
      [hasMore]="chat.hasMore()"
      [loading]="chat.loadingEarlier()"
      [historyError]="chat.historyError()"
      (loadEarlier)="loadEarlier()"
    />
    <parley-chat-composer class="composer" [rejection]="chat.rejection()" (send)="sendMessage($event)" />
  `,
  styles: `
    :host {
      display: grid;
      grid-template-rows: auto minmax(0, 1fr) auto;
      grid-template-columns: minmax(0, 1fr);
      flex: none;
      width: 360px;
      height: 100%;
      min-height: 0;
      border-left: 1px solid var(--border);
      background: var(--surface);
      /* At the right edge: clear of a phone's notch when it is held sideways. */
      padding-right: env(safe-area-inset-right);
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 10px 8px 6px 18px;
    }
    h2 {
      margin: 0;
      font-size: 1.1rem;
    }
    .close {
      display: inline-grid;
      place-items: center;
      width: 44px;
      height: 44px;
      border: 0;
      border-radius: 50%;
      background: transparent;
      color: var(--text);
      cursor: pointer;
      font-size: 0.95rem;
    }
    .close:hover {
      background: var(--surface-3);
    }
    .composer {
      padding: 8px 12px max(12px, env(safe-area-inset-bottom));
    }
    @media (max-width: 600px) {
      :host {
        position: fixed;
        inset: 0;
        z-index: 20;
        width: auto;
        border-left: 0;
        padding-top: env(safe-area-inset-top);
      }
    }
  `,
})
export class ChatPanel {
  protected readonly chat = inject(ChatSession);
  private readonly store = inject(ChatStore);
  private readonly panels = inject(SidePanelState);
  private readonly document = inject(DOCUMENT);
  private readonly composer = viewChild.required(ChatComposer);
  private readonly list = viewChild.required(ChatMessageList);
  protected readonly panelId = CHAT_PANEL_ID;

  constructor() {
    effect(() => this.chat.markRead(this.store.newestId()));
    afterNextRender(() => this.composer().focus());
  }

  protected closeChat(event?: Event): void {
    event?.preventDefault();
    this.panels.close('chat');
    // Focus would otherwise fall to <body> with the panel gone.
    this.document.getElementById(CHAT_TOGGLE_ID)?.focus();
  }

  protected sendMessage(text: string): void {
    if (this.chat.send(text)) this.list().scrollToEnd();
  }

  protected loadEarlier(): void {
    void this.chat.loadEarlier();
  }
}
