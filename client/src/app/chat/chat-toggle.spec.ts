import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { SidePanelState } from '../ui/side-panel';
import { ChatSession, type ChatAnnouncement } from './chat-session';
import { ChatToggle } from './chat-toggle';

describe('ChatToggle', () => {
  let fixture: ComponentFixture<ChatToggle>;
  const unread = signal(0);
  const announcements = signal<readonly ChatAnnouncement[]>([]);
  const button = () => (fixture.nativeElement as HTMLElement).querySelector('button') as HTMLButtonElement;

  beforeEach(() => {
    unread.set(0);
    announcements.set([]);
    TestBed.configureTestingModule({ providers: [{ provide: ChatSession, useValue: { unread, announcements } }] });
    TestBed.inject(SidePanelState).open.set(null);
    fixture = TestBed.createComponent(ChatToggle);
    fixture.detectChanges();
  });

  it('is named "Chat" with nothing unread', () => {
    expect(button().getAttribute('aria-label')).toBe('Chat');
    expect(button().querySelector('.badge')).toBeNull();
  });

  it('names and shows the unread count while the panel is closed', () => {
    unread.set(3);
    fixture.detectChanges();
    expect(button().getAttribute('aria-label')).toBe('Chat, 3 unread');
    expect(button().querySelector('.badge')?.textContent?.trim()).toBe('3');
  });

  it('opens the chat panel, and closes it when pressed again', () => {
    const panels = TestBed.inject(SidePanelState);
    button().click();
    fixture.detectChanges();
    expect(panels.open()).toBe('chat');
    expect(button().getAttribute('aria-expanded')).toBe('true');
    button().click();
    expect(panels.open()).toBeNull();
  });

  it('closes the participants panel when the chat opens', () => {
    const panels = TestBed.inject(SidePanelState);
    panels.open.set('participants');
    button().click();
    expect(panels.open()).toBe('chat');
  });

  it('counts nothing as unread while the panel is open', () => {
    unread.set(2);
    TestBed.inject(SidePanelState).open.set('chat');
    fixture.detectChanges();
    expect(button().getAttribute('aria-label')).toBe('Chat');
  });

  it('puts announcements in a polite live region', () => {
    announcements.set([{ id: 1, text: 'Bob: hi' }]);
    fixture.detectChanges();
    const region = (fixture.nativeElement as HTMLElement).querySelector('[aria-live="polite"]');
    expect(region?.textContent).toContain('Bob: hi');
  });
});
