import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FakeGateway, refusal } from '../../testing/fake-gateway';
import { settle } from '../../testing/async';
import { participant } from '../../testing/participants';
import { SignalingClient } from '../core/signaling/signaling-client';
import { ParticipantsStore } from '../core/call/participants-store';
import { HostActions } from './host-actions';
import { ParticipantActions } from './participant-actions';

describe('ParticipantActions', () => {
  let gateway: FakeGateway;
  let fixture: ComponentFixture<ParticipantActions>;
  let store: ParticipantsStore;

  const element = () => fixture.nativeElement as HTMLElement;
  const trigger = () => element().querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]');
  const items = () => Array.from(element().querySelectorAll<HTMLButtonElement>('[role="menuitem"]'));
  const item = (name: string) => items().find((b) => b.textContent?.trim() === name);
  const menuOpen = () => element().querySelector('[role="menu"]')?.matches(':popover-open') ?? false;
  const confirm = () => element().querySelector<HTMLDialogElement>('dialog');

  function render(self: 'host' | 'guest', target: { isHost?: boolean; audioMuted?: boolean } = {}): void {
    store.dispatch({ type: 'snapshot', self: participant('me', 'Me', { role: self }), others: [participant('ada', 'Ada')] });
    fixture = TestBed.createComponent(ParticipantActions);
    fixture.componentRef.setInput('participantId', 'ada');
    fixture.componentRef.setInput('name', 'Ada');
    fixture.componentRef.setInput('isHost', target.isHost ?? false);
    fixture.componentRef.setInput('audioMuted', target.audioMuted ?? false);
    fixture.autoDetectChanges();
    fixture.detectChanges();
  }

  function key(target: Element, key: string): void {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    fixture.detectChanges();
  }

  beforeEach(() => {
    gateway = new FakeGateway();
    TestBed.configureTestingModule({ providers: [SignalingClient, ParticipantsStore, HostActions, ...gateway.providers()] });
    TestBed.inject(SignalingClient).open();
    store = TestBed.inject(ParticipantsStore);
  });

  afterEach(() => {
    fixture?.destroy();
    TestBed.inject(SignalingClient).close();
  });

  it('renders nothing for a guest', () => {
    render('guest');
    expect(trigger()).toBeNull();
    expect(items()).toEqual([]);
  });

  it('gives a host a menu button named after the person', () => {
    render('host');
    expect(trigger()?.getAttribute('aria-label')).toBe('Actions for Ada');
    expect(trigger()?.getAttribute('aria-expanded')).toBe('false');
  });

  it('offers Mute, Make host and Remove, each naming the person', () => {
    render('host');
    trigger()?.click();
    fixture.detectChanges();
    expect(menuOpen()).toBeTrue();
    expect(items().map((b) => b.textContent?.trim())).toEqual(['Mute Ada', 'Make Ada host', 'Remove Ada']);
    expect(trigger()?.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(items()[0] ?? null);
  });

  it('leaves out Mute for someone muted and Make host for a host', () => {
    render('host', { audioMuted: true, isHost: true });
    trigger()?.click();
    expect(items().map((b) => b.textContent?.trim())).toEqual(['Remove Ada']);
  });

  it('moves with the arrow keys and closes on Escape, giving focus back to the button', () => {
    render('host');
    key(trigger() as HTMLButtonElement, 'ArrowDown');
    expect(document.activeElement).toBe(items()[0] ?? null);
    key(items()[0] as HTMLButtonElement, 'ArrowDown');
    expect(document.activeElement).toBe(items()[1] ?? null);
    key(items()[1] as HTMLButtonElement, 'End');
    expect(document.activeElement).toBe(items()[2] ?? null);
    key(items()[2] as HTMLButtonElement, 'ArrowDown');
    expect(document.activeElement).toBe(items()[0] ?? null);
    key(items()[0] as HTMLButtonElement, 'Escape');
    expect(menuOpen()).toBeFalse();
    expect(document.activeElement).toBe(trigger());
  });

  it('mutes with host.mute', async () => {
    render('host');
    trigger()?.click();
    item('Mute Ada')?.click();
    await settle();
    expect(gateway.sent('host.mute').map((r) => r.payload)).toEqual([{ participantId: 'ada' }]);
    expect(menuOpen()).toBeFalse();
  });

  it('makes them a host with host.promote', async () => {
    render('host');
    trigger()?.click();
    item('Make Ada host')?.click();
    await settle();
    expect(gateway.sent('host.promote').map((r) => r.payload)).toEqual([{ participantId: 'ada' }]);
  });

  it('asks before removing, and removes only on confirmation', async () => {
    render('host');
    trigger()?.click();
    item('Remove Ada')?.click();
    expect(confirm()?.open).toBeTrue();
    expect(confirm()?.textContent).toContain('Remove Ada from the meeting?');
    expect(gateway.sent('host.remove')).toEqual([]);
    expect(document.activeElement?.textContent?.trim()).toBe('Cancel');
    const remove = Array.from(confirm()?.querySelectorAll('button') ?? []).find((b) => b.textContent?.trim() === 'Remove Ada');
    remove?.click();
    await settle();
    expect(gateway.sent('host.remove').map((r) => r.payload)).toEqual([{ participantId: 'ada' }]);
    expect(confirm()?.open).toBeFalse();
  });

  it('removes nobody when the confirmation is cancelled', async () => {
    render('host');
    trigger()?.click();
    item('Remove Ada')?.click();
    Array.from(confirm()?.querySelectorAll('button') ?? [])
      .find((b) => b.textContent?.trim() === 'Cancel')
      ?.click();
    await settle();
    expect(confirm()?.open).toBeFalse();
    expect(gateway.sent('host.remove')).toEqual([]);
  });

  it('gives focus back to the menu button when the question is dismissed with Escape', async () => {
    render('host');
    trigger()?.click();
    item('Remove Ada')?.click();
    const dialog = confirm() as HTMLDialogElement;
    const closed = new Promise((resolve) => dialog.addEventListener('close', resolve, { once: true }));
    dialog.requestClose();
    await closed;
    expect(dialog.open).toBeFalse();
    expect(document.activeElement).toBe(trigger());
    expect(gateway.sent('host.remove')).toEqual([]);
  });

  it('says when an action was refused', async () => {
    gateway.handlers['host.mute'] = () => refusal('auth.forbidden');
    render('host');
    trigger()?.click();
    item('Mute Ada')?.click();
    await settle();
    fixture.detectChanges();
    expect(element().querySelector('[role="alert"]')?.textContent).toContain('Could not mute Ada: You are not allowed to do that.');
  });
});
