import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, afterNextRender, effect, inject, signal, viewChild } from '@angular/core';
import { describeError } from '../core/signaling/signaling-error';
import { SidePanelState } from '../ui/side-panel';
import { SidePanelFrame } from '../ui/side-panel-frame';
import { ChatComposer } from './chat-composer';
import { ChatMessageList } from './chat-message-list';
import { ChatSession } from './chat-session';
import { ChatStore } from './chat-store';
import { saveText } from './chat-transcript';
import { CHAT_PANEL_ID, CHAT_TOGGLE_ID } from './chat-toggle';

/**
 * The chat beside the video (a full-screen sheet on a phone): the messages,
 * and the composer. Opening it puts the cursor in the composer; Escape or
 * "Close chat" closes it and gives focus back to the "Chat" button. While
 * it is open, everything in it counts as read. "Download chat" saves the
 * meeting's whole chat as a Markdown file.
 */
@Component({
  selector: 'parley-chat-panel',
  imports: [ChatComposer, ChatMessageList, SidePanelFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-side-panel heading="Chat" [panelId]="panelId" [returnFocusTo]="toggleId" (closed)="closeChat()">
      <div class="body">
        <div class="tools">
          <span class="scope">Only people in this meeting see its chat.</span>
          <button type="button" class="download" [disabled]="downloading()" (click)="download()">
            {{ downloading() ? 'Preparing…' : 'Download chat' }}
          </button>
        </div>
        @if (downloadError(); as error) {
          <p class="download-error" role="alert">{{ error }}</p>
        }
        <parley-chat-message-list
          [groups]="chat.groups()"
          [hasMore]="chat.hasMore()"
          [loading]="chat.loadingEarlier()"
          [historyError]="chat.historyError()"
          (loadEarlier)="loadEarlier()"
        />
      </div>
      <parley-chat-composer panel-footer class="composer" [rejection]="chat.rejection()" (send)="sendMessage($event)" />
    </parley-side-panel>
  `,
  styles: `
    /* The frame (parley-side-panel) is the box: beside the call, or the whole screen on a phone. */
    :host {
      display: contents;
    }
    /* The frame's middle row: the tools on top, never squeezed, and the message list filling the rest. */
    .body {
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    parley-chat-message-list {
      flex: 1;
    }
    .tools {
      flex: none;
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 6px 12px;
      border-bottom: 1px solid var(--border);
      font-size: 0.8125rem;
    }
    .scope {
      color: var(--text-muted);
    }
    .download {
      flex: none;
      min-height: 32px;
      padding: 4px 10px;
      border-radius: 6px;
      border: 1px solid currentColor;
      background: transparent;
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    .download:disabled {
      opacity: 0.6;
      cursor: progress;
    }
    .download-error {
      flex: none;
      margin: 4px 12px;
      color: var(--error-text);
      font-size: 0.8125rem;
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
  private readonly document = inject(DOCUMENT);
  protected readonly downloading = signal(false);
  protected readonly downloadError = signal<string | null>(null);

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

  protected async download(): Promise<void> {
    this.downloading.set(true);
    this.downloadError.set(null);
    try {
      const file = await this.chat.transcript();
      if (file !== null) saveText(this.document, file.name, file.text);
    } catch (error) {
      this.downloadError.set(`Could not download the chat. ${describeError(error)}`);
    } finally {
      this.downloading.set(false);
    }
  }

  protected loadEarlier(): void {
    void this.chat.loadEarlier();
  }
}
