import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { chatMessage } from '../../testing/chat';
import { SidePanelState } from '../ui/side-panel';
import type { ChatGroup } from './chat-groups';
import { ChatPanel } from './chat-panel';
import { ChatSession } from './chat-session';
import { ChatStore } from './chat-store';

describe('ChatPanel', () => {
  let fixture: ComponentFixture<ChatPanel>;
  let panels: SidePanelState;
  let sent: string[];
  let readUpTo: (number | null)[];
  let transcript: () => Promise<{ name: string; text: string } | null>;
  const groups = signal<ChatGroup[]>([]);
  const host = () => fixture.nativeElement as HTMLElement;

  beforeEach(() => {
    sent = [];
    readUpTo = [];
    transcript = () => Promise.resolve({ name: 'parley-chat.md', text: '# Chat' });
    groups.set([
      { kind: 'user', key: 'g1', senderId: null, senderName: 'Bob', own: false, lines: [{ key: 'a', text: 'hi https://example.com', ts: 0, sending: false }] },
      { kind: 'user', key: 'g2', senderId: null, senderName: 'Ada', own: true, lines: [{ key: 'b', text: 'on its way', ts: 0, sending: true }] },
      { kind: 'system', key: 's', text: 'Eve joined', ts: 0 },
    ]);
    const fake: Partial<ChatSession> = {
      groups,
      hasMore: signal(true),
      loadingEarlier: signal(false),
      historyError: signal(null),
      rejection: signal(null),
      send: (text: string) => (sent.push(text), true),
      markRead: (id: number | null) => void readUpTo.push(id),
      loadEarlier: () => Promise.resolve(),
      transcript: () => transcript(),
    };
    TestBed.configureTestingModule({ providers: [ChatStore, { provide: ChatSession, useValue: fake }] });
    panels = TestBed.inject(SidePanelState);
    panels.open.set('chat');
    fixture = TestBed.createComponent(ChatPanel);
    fixture.detectChanges();
  });

  it('is a labelled region with a "Close chat" button that closes it', () => {
    const region = host().querySelector('[role="complementary"]');
    expect(region?.id).toBe('parley-chat-panel');
    expect(document.getElementById(region?.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('Chat');
    (host().querySelector('button[aria-label="Close chat"]') as HTMLButtonElement).click();
    expect(panels.open()).toBeNull();
  });

  it('closes on Escape', () => {
    host().querySelector('textarea')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(panels.open()).toBeNull();
  });

  it('shows sender names, "You" for our own, the sending state, links and system lines', () => {
    const senders = Array.from(host().querySelectorAll('[data-chat-sender]')).map((e) => e.textContent?.trim());
    expect(senders).toEqual(['Bob', 'You']);
    expect(host().querySelector('[data-own="true"] [data-sending="true"]')?.textContent).toContain('Sending…');
    expect(host().querySelector('[data-chat-message] a')?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(host().querySelector('[data-chat-system]')?.textContent).toContain('Eve joined');
  });

  it('has a "Download chat" button that saves the meeting\'s chat as a Markdown file', async () => {
    const button = Array.from(host().querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Download chat');
    expect(button).withContext('a visible name says what it does').toBeDefined();
    const clicked: { name: string; href: string }[] = [];
    spyOn(HTMLAnchorElement.prototype, 'click').and.callFake(function (this: HTMLAnchorElement) {
      clicked.push({ name: this.download, href: this.href });
    });
    button?.click();
    await fixture.whenStable();
    expect(clicked.length).toBe(1);
    expect(clicked[0]?.name).toBe('parley-chat.md');
    expect(clicked[0]?.href).toMatch(/^blob:/);
  });

  it('says so when the chat could not be downloaded', async () => {
    transcript = () => Promise.reject(new Error('offline'));
    Array.from(host().querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Download chat')?.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(host().querySelector('[role="alert"]')?.textContent).toContain('Could not download the chat.');
  });

  it('offers "Load earlier messages" while older history exists', () => {
    const more = Array.from(host().querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Load earlier messages');
    expect(more).toBeDefined();
  });

  it('hands a typed message to the chat', () => {
    const box = host().querySelector('textarea') as HTMLTextAreaElement;
    box.value = 'hello';
    box.dispatchEvent(new Event('input'));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', cancelable: true }));
    expect(sent).toEqual(['hello']);
  });

  it('marks what it shows as read', async () => {
    TestBed.inject(ChatStore).dispatch({ type: 'received', message: chatMessage(12, 'bob', 'new') });
    await fixture.whenStable();
    expect(readUpTo).toContain(12);
  });
});
