import { ComponentFixture, TestBed } from '@angular/core/testing';
import { CHAT_MAX_LENGTH } from '@parley/protocol';
import type { ChatRejection } from './chat-outbox';
import { ChatComposer } from './chat-composer';

describe('ChatComposer', () => {
  let fixture: ComponentFixture<ChatComposer>;
  let sent: string[];
  const host = () => fixture.nativeElement as HTMLElement;
  const box = () => host().querySelector('textarea') as HTMLTextAreaElement;

  function type(text: string): void {
    box().value = text;
    box().dispatchEvent(new Event('input'));
    fixture.detectChanges();
  }

  function press(key: string, init: KeyboardEventInit = {}): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, cancelable: true, ...init });
    box().dispatchEvent(event);
    fixture.detectChanges();
    return event;
  }

  beforeEach(() => {
    sent = [];
    fixture = TestBed.createComponent(ChatComposer);
    fixture.componentInstance.send.subscribe((text) => sent.push(text));
    fixture.detectChanges();
  });

  it('labels the box "Message" and the button "Send message"', () => {
    expect(host().querySelector(`label[for="${box().id}"]`)?.textContent?.trim()).toBe('Message');
    expect(host().querySelector('button[type="submit"]')?.getAttribute('aria-label')).toBe('Send message');
  });

  it('sends on Enter and empties the box', () => {
    type('hello');
    const enter = press('Enter');
    expect(enter.defaultPrevented).toBeTrue();
    expect(sent).toEqual(['hello']);
    expect(box().value).toBe('');
  });

  it('leaves Shift+Enter to insert a newline', () => {
    type('line one');
    const shiftEnter = press('Enter', { shiftKey: true });
    expect(shiftEnter.defaultPrevented).toBeFalse();
    expect(sent).toEqual([]);
  });

  it('does not send a blank message', () => {
    type('   ');
    press('Enter');
    expect(sent).toEqual([]);
  });

  it('shows no counter for a short message and one from near the limit', () => {
    type('short');
    expect(host().querySelector('.counter')).toBeNull();
    type('x'.repeat(1850));
    expect(host().querySelector('.counter')?.textContent?.trim()).toBe('150 characters left');
    expect(box().getAttribute('aria-describedby')).toContain('parley-chat-counter');
  });

  it('refuses a message over the limit with a clear error and keeps the text', () => {
    const long = 'y'.repeat(CHAT_MAX_LENGTH + 1);
    type(long);
    press('Enter');
    expect(sent).toEqual([]);
    expect(box().value).toBe(long);
    expect(host().querySelector('[role="alert"]')?.textContent).toContain('2001 characters');
    expect(box().getAttribute('aria-invalid')).toBe('true');
  });

  it('clears the length error once the text fits again', () => {
    type('y'.repeat(CHAT_MAX_LENGTH + 1));
    press('Enter');
    type('y'.repeat(CHAT_MAX_LENGTH));
    expect(host().querySelector('[role="alert"]')).toBeNull();
  });

  it('puts a refused message back in the box with the gateway’s reason', () => {
    const rejection: ChatRejection = { clientId: 'c-1', text: 'too fast', code: 'rate_limited', message: 'You are sending messages too fast.' };
    fixture.componentRef.setInput('rejection', rejection);
    fixture.detectChanges();
    expect(box().value).toBe('too fast');
    expect(host().querySelector('[role="alert"]')?.textContent).toContain('too fast');
  });

  it('keeps what was typed since when a refused message comes back', () => {
    type('newer');
    fixture.componentRef.setInput('rejection', { clientId: 'c-2', text: 'older', code: 'rate_limited', message: 'slow' });
    fixture.detectChanges();
    expect(box().value).toBe('older\nnewer');
  });
});
