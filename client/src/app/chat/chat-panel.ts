import { ChangeDetectionStrategy, Component, afterNextRender, effect, inject, viewChild } from '@angular/core';
import { SidePanelState } from '../room/side-panel';
import { SidePanelFrame } from '../room/side-panel-frame';
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
  imports: [ChatComposer, ChatMessageList, SidePanelFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-side-panel heading="Chat" [panelId]="panelId" [returnFocusTo]="toggleId" (closed)="closeChat()">
      <parley-chat-message-list
        [groups]="chat.groups()"
        [hasMore]="chat.hasMore()"
        [loading]="chat.loadingEarlier()"
        [historyError]="chat.historyError()"
        (loadEarlier)="loadEarlier()"
      />
      <parley-chat-composer panel-footer class="composer" [rejection]="chat.rejection()" (send)="sendMessage($event)" />
    </parley-side-panel>
  `,
  styles: `
    /* The frame (parley-side-panel) is the box: beside the call, or the whole screen on a phone. */
    :host {
      display: contents;
    }
    .composer {
      padding: 8px 12px max(12px, env(safe-area-inset-bottom));
    }
  `,
})
export class ChatPanel {
  protected readonly chat = inject(ChatSession);
  private readonly store = inject(ChatStore);
  private readonly panels = inject(SidePanelState);
  private readonly composer = viewChild.required(ChatComposer);
  private readonly list = viewChild.required(ChatMessageList);
  protected readonly panelId = CHAT_PANEL_ID;
  protected readonly toggleId = CHAT_TOGGLE_ID;

  constructor() {
    effect(() => this.chat.markRead(this.store.newestId()));
    afterNextRender(() => this.composer().focus());
  }

  protected closeChat(): void {
    this.panels.close('chat');
  }

  protected sendMessage(text: string): void {
    if (this.chat.send(text)) this.list().scrollToEnd();
  }

  protected loadEarlier(): void {
    void this.chat.loadEarlier();
  }
}
