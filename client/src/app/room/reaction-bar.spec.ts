import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { Reaction } from '@parley/protocol';
import { settle } from '../../testing/async';
import { Reactions } from '../core/call/reactions';
import { SignalingError } from '../core/signaling/signaling-error';
import { ReactionBar } from './reaction-bar';

describe('ReactionBar', () => {
  let fixture: ComponentFixture<ReactionBar>;
  let sent: Reaction[];
  let refuse: boolean;
  const announcements = signal<readonly { id: number; text: string }[]>([]);
  const root = () => fixture.nativeElement as HTMLElement;
  const toggle = () => root().querySelector<HTMLButtonElement>('parley-toggle-button button');
  const choices = () => [...root().querySelectorAll<HTMLButtonElement>('.bar button')];

  beforeEach(() => {
    sent = [];
    refuse = false;
    const store = {
      announcements,
      send: (emoji: Reaction) => {
        sent.push(emoji);
        return refuse ? Promise.reject(new SignalingError('rate_limited', 'too fast')) : Promise.resolve();
      },
    };
    TestBed.configureTestingModule({ providers: [{ provide: Reactions, useValue: store }] });
    fixture = TestBed.createComponent(ReactionBar);
    fixture.detectChanges();
  });

  it('is a named disclosure that opens a bar of six reactions, each named for what it sends', () => {
    expect(toggle()?.getAttribute('aria-label')).toBe('Send a reaction');
    expect(toggle()?.getAttribute('aria-expanded')).toBe('false');
    expect(choices()).toEqual([]);
    toggle()?.click();
    fixture.detectChanges();
    expect(toggle()?.getAttribute('aria-label')).toBe('Close reactions');
    expect(toggle()?.getAttribute('aria-expanded')).toBe('true');
    expect(choices().map((b) => b.getAttribute('aria-label'))).toEqual([
      'React with thumbs up',
      'React with applause',
      'React with laughter',
      'React with celebration',
      'React with love',
      'React with surprise',
    ]);
  });

  it('sends the reaction pressed and stays open for more; Escape closes it', async () => {
    toggle()?.click();
    fixture.detectChanges();
    choices()[1]?.click();
    choices()[3]?.click();
    await settle();
    expect(sent).toEqual(['👏', '🎉']);
    root().querySelector('.bar')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    fixture.detectChanges();
    expect(choices()).toEqual([]);
  });

  it('says so in the bar when the gateway refuses a reaction as too fast', async () => {
    refuse = true;
    toggle()?.click();
    fixture.detectChanges();
    choices()[0]?.click();
    await settle();
    fixture.detectChanges();
    expect(root().querySelector('.notice')?.textContent).toContain('Too many reactions');
  });

  it('reads out everyone’s reactions in a polite live region', () => {
    announcements.set([{ id: 1, text: 'Ada reacted 👏 (applause)' }]);
    fixture.detectChanges();
    const region = root().querySelector('[data-reaction-announcer]');
    expect(region?.getAttribute('aria-live')).toBe('polite');
    expect(region?.textContent).toContain('Ada reacted 👏 (applause)');
  });
});
