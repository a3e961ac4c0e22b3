import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FakeGateway, TEST_ROOM, joinResult, refusal } from '../../testing/fake-gateway';
import { settle, until } from '../../testing/async';
import { participant } from '../../testing/participants';
import { SignalingClient } from '../core/signaling/signaling-client';
import { LocalMedia } from '../core/webrtc/local-media';
import { CALL_PROVIDERS, CallSession } from '../core/call/call-session';
import { ParticipantsStore } from '../core/call/participants-store';
import { HostControls, describeChange } from './host-controls';
import { RoomSettingsStore } from './room-settings';

describe('HostControls', () => {
  let gateway: FakeGateway;
  let fixture: ComponentFixture<HostControls>;
  let role: 'host' | 'guest';

  const element = () => fixture.nativeElement as HTMLElement;
  const openButton = () => element().querySelector<HTMLButtonElement>('button[aria-label="Host controls"]');
  const dialog = () => element().querySelector('dialog');
  const lockSwitch = () => element().querySelector<HTMLInputElement>('#host-lock');
  const lobbySwitch = () => element().querySelector<HTMLInputElement>('#host-lobby');
  const status = () => element().querySelector('[role="status"]')?.textContent?.trim();
  const buttonNamed = (name: string) =>
    Array.from(element().querySelectorAll('button')).find((b) => b.textContent?.trim() === name) as HTMLButtonElement | undefined;

  /** Joins as `role` (the settings come with the join) and renders the controls. */
  async function render(as: 'host' | 'guest', settings = { locked: false, hasPassword: false, lobby: false }): Promise<void> {
    role = as;
    gateway.handlers['room.join'] = () => ({ ok: true, data: joinResult({ self: participant('me', 'Me', { role }), settings }) });
    await TestBed.inject(CallSession).join(TEST_ROOM, 'Me');
    fixture = TestBed.createComponent(HostControls);
    fixture.autoDetectChanges();
    await settle();
  }

  async function flip(input: HTMLInputElement | null): Promise<void> {
    input?.click();
    await settle();
    fixture.detectChanges();
  }

  beforeEach(() => {
    gateway = new FakeGateway();
    gateway.handlers = {
      'media.publish': () => ({ ok: true, data: { answer: { type: 'answer', sdp: 'janus-answer' } } }),
      'participant.update': () => ({ ok: true, data: participant('me', 'Me', { role }) }),
      // The gateway answers and tells everyone (the host too) with room.updated.
      'host.settings': (payload) => {
        const settings = { locked: false, hasPassword: false, lobby: false, ...(payload as object) };
        const next = { locked: settings.locked, lobby: settings.lobby, hasPassword: 'password' in settings ? settings.password !== null : false };
        setTimeout(() => gateway.push('room.updated', next));
        return { ok: true, data: next };
      },
    };
    TestBed.configureTestingModule({
      providers: [SignalingClient, LocalMedia, ParticipantsStore, ...CALL_PROVIDERS, RoomSettingsStore, ...gateway.providers()],
    });
  });

  afterEach(() => {
    fixture?.destroy();
    TestBed.inject(CallSession).close();
  });

  it('is not there for a guest', async () => {
    await render('guest');
    expect(openButton()).toBeNull();
    expect(dialog()).toBeNull();
  });

  it('gives a host a "Host controls" button that opens the dialog', async () => {
    await render('host');
    expect(openButton()?.getAttribute('aria-haspopup')).toBe('dialog');
    openButton()?.click();
    expect(dialog()?.open).toBeTrue();
    expect(dialog()?.querySelector('h2')?.textContent).toBe('Host controls');
    expect(document.activeElement).toBe(lockSwitch());
  });

  it('shows the room’s settings from the join', async () => {
    await render('host', { locked: true, hasPassword: true, lobby: false });
    expect(lockSwitch()?.checked).toBeTrue();
    expect(lobbySwitch()?.checked).toBeFalse();
    expect(element().querySelector('[data-password-state]')?.textContent?.trim()).toBe('Joining needs a password.');
    expect(buttonNamed('Remove password')).toBeDefined();
  });

  it('labels the switches with what they do', async () => {
    await render('host');
    expect(lockSwitch()?.getAttribute('role')).toBe('switch');
    expect(element().querySelector('label[for="host-lock"]')?.textContent?.trim()).toBe('Lock the meeting');
    expect(element().querySelector('label[for="host-lobby"]')?.textContent?.trim()).toBe('Lobby');
  });

  it('locks the meeting with host.settings and says so', async () => {
    await render('host');
    openButton()?.click();
    await flip(lockSwitch());
    expect(gateway.sent('host.settings').map((r) => r.payload)).toEqual([{ locked: true }]);
    await until(() => status() === 'The meeting is locked.');
    expect(lockSwitch()?.checked).toBeTrue();
  });

  it('turns the lobby on', async () => {
    await render('host');
    openButton()?.click();
    await flip(lobbySwitch());
    expect(gateway.sent('host.settings').map((r) => r.payload)).toEqual([{ lobby: true }]);
  });

  it('flips a refused switch back and says why', async () => {
    gateway.handlers['host.settings'] = () => refusal('auth.forbidden');
    await render('host');
    openButton()?.click();
    await flip(lockSwitch());
    await until(() => lockSwitch()?.checked === false && (status() ?? '').startsWith('That did not work'));
    expect(status()).toContain('You are not allowed to do that.');
  });

  it('sets a password and clears the field', async () => {
    await render('host');
    openButton()?.click();
    const input = element().querySelector<HTMLInputElement>('#host-password') as HTMLInputElement;
    input.value = 'hunter22';
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    buttonNamed('Set password')?.click();
    await until(() => status() === 'The password is set.');
    expect(gateway.sent('host.settings').map((r) => r.payload)).toEqual([{ password: 'hunter22' }]);
    expect(input.value).toBe('');
    await until(() => buttonNamed('Remove password') !== undefined);
  });

  it('says how long a password must be and sets none shorter', async () => {
    await render('host');
    openButton()?.click();
    const input = element().querySelector<HTMLInputElement>('#host-password') as HTMLInputElement;
    const hint = element().querySelector(`#${input.getAttribute('aria-describedby')}`);
    expect(hint?.textContent?.trim()).toBe('At least 6 characters.');
    input.value = 'short';
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(buttonNamed('Set password')?.disabled).withContext('5 characters').toBeTrue();
    input.value = 'longer';
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(buttonNamed('Set password')?.disabled).withContext('6 characters').toBeFalse();
    expect(gateway.sent('host.settings')).toEqual([]);
  });

  it('removes the password with password: null', async () => {
    await render('host', { locked: false, hasPassword: true, lobby: false });
    openButton()?.click();
    buttonNamed('Remove password')?.click();
    await until(() => status() === 'The password is removed.');
    expect(gateway.sent('host.settings').map((r) => r.payload)).toEqual([{ password: null }]);
  });

  it('follows room.updated from another host', async () => {
    await render('host');
    gateway.push('room.updated', { locked: true, hasPassword: false, lobby: true });
    await settle();
    expect(lockSwitch()?.checked).toBeTrue();
    expect(lobbySwitch()?.checked).toBeTrue();
  });
});

describe('describeChange', () => {
  it('says what each change did', () => {
    expect(describeChange({ locked: false })).toBe('The meeting is unlocked.');
    expect(describeChange({ lobby: false })).toBe('The lobby is off.');
    expect(describeChange({ password: 'x' })).toBe('The password is set.');
  });
});
