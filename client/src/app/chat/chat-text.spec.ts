import { TestBed } from '@angular/core/testing';
import { ChatText } from './chat-text';

describe('ChatText', () => {
  function render(text: string): HTMLElement {
    const fixture = TestBed.createComponent(ChatText);
    fixture.componentRef.setInput('text', text);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows markup as the characters typed, creating no element', () => {
    const host = render('<img src=x onerror=alert(1)><b>bold</b>');
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('b')).toBeNull();
    expect(host.textContent).toBe('<img src=x onerror=alert(1)><b>bold</b>');
  });

  it('renders an http(s) address as a link to a new tab without opener or referrer', () => {
    const link = render('look: https://example.com/x').querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.com/x');
    expect(link?.target).toBe('_blank');
    expect(link?.rel).toBe('noopener noreferrer');
  });

  it('does not turn a javascript: address into a link', () => {
    const host = render('javascript:alert(document.cookie)');
    expect(host.querySelector('a')).toBeNull();
    expect(host.textContent).toBe('javascript:alert(document.cookie)');
  });

  it('keeps the text exactly, spaces and newlines included', () => {
    expect(render('a  b\nc https://x.io d').textContent).toBe('a  b\nc https://x.io d');
  });
});
