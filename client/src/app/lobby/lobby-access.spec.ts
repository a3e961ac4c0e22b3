import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FakeGateway, TEST_ROOM, joinResult, refusal } from '../../testing/fake-gateway';
import { settle, until } from '../../testing/async';
import { SignalingClient } from '../core/signaling/signaling-client';
import { LocalMedia } from '../core/webrtc/local-media';
import { DisplayNameStorage } from './display-name-storage';
import { Lobby } from './lobby';
import { CALL_PROVIDERS, CallSession } from '../core/call/call-session';
import { ParticipantsStore } from '../core/call/participants-store';
import { JoinAccess } from '../core/call/join-access';

/** The lobby at a room's doors, against a scripted gateway: password prompt, lobby wait. */
describe('Lobby access', () => {
  let gateway: FakeGateway;
  let fixture: ComponentFixture<Lobby>;
  let joinReplies: unknown[];

  const element = () => fixture.nativeElement as HTMLElement;
  const button = (name: string) =>
    Array.from(element().querySelectorAll('button')).find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name) as
      | HTMLButtonElement
      | undefined;
  const passwordInput = () => element().querySelector<HTMLInputElement>('#meeting-password');
  const alertText = () => element().querySelector('.join-pane [role="alert"]')?.textContent?.trim() ?? null;

  async function render(): Promise<void> {
    fixture = TestBed.createComponent(Lobby);
    fixture.componentRef.setInput('room', TEST_ROOM);
    fixture.detectChanges();
    await settle();
    fixture.detectChanges();
  }

  /** Presses Join and waits for the gateway's answer to show. */
  async function pressJoin(): Promise<void> {
    const before = gateway.sent('room.join').length;
    button('Join')?.click();
    await until(() => gateway.sent('room.join').length > before);
    await settle();
    fixture.detectChanges();
    await settle();
    fixture.detectChanges();
  }

  function typePassword(value: string): void {
    const input = passwordInput();
    if (!input) throw new Error('no password field');
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  }

  beforeEach(() => {
    gateway = new FakeGateway();
    joinReplies = [];
    gateway.handlers = {
      'room.join': () => joinReplies.shift() ?? { ok: true, data: joinResult() },
      'media.publish': () => ({ ok: true, data: { answer: { type: 'answer', sdp: 'janus-answer' } } }),
    };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        SignalingClient,
        LocalMedia,
        ParticipantsStore,
        ...CALL_PROVIDERS,
        JoinAccess,
        ...gateway.providers(),
        { provide: DisplayNameStorage, useValue: { load: () => 'Ada', save: () => undefined } },
      ],
    });
  });

  afterEach(() => TestBed.inject(CallSession).close());

  it('shows no password field to a room that asks for none', async () => {
    await render();
    expect(passwordInput()).toBeNull();
  });

  it('asks for the password (labelled, focused) when the room needs one', async () => {
    joinReplies = [refusal('auth.password_required')];
    await render();
    await pressJoin();
    const input = passwordInput();
    expect(input).not.toBeNull();
    expect(input?.type).toBe('password');
    expect(element().querySelector('label[for="meeting-password"]')?.textContent?.trim()).toBe('Meeting password');
    await until(() => document.activeElement === input);
    expect(element().querySelector('#meeting-password-hint')?.textContent).toContain('This meeting needs a password.');
    // The field's hint says it; an alert would shout it as a failure.
    expect(alertText()).toBeNull();
  });

  it('keeps Join disabled until a password is typed', async () => {
    joinReplies = [refusal('auth.password_required')];
    await render();
    await pressJoin();
    expect(button('Join')?.disabled).toBeTrue();
    typePassword('x');
    expect(button('Join')?.disabled).toBeFalse();
  });

  it('joins with the password typed, on Join', async () => {
    joinReplies = [refusal('auth.password_required')];
    await render();
    await pressJoin();
    typePassword('open sesame');
    await pressJoin();
    expect(gateway.sent('room.join')[1]?.payload).toEqual({ room: TEST_ROOM, name: 'Ada', password: 'open sesame' });
  });

  it('says a wrong password is wrong, marks the field and keeps it for another try', async () => {
    joinReplies = [refusal('auth.password_required'), refusal('auth.bad_password')];
    await render();
    await pressJoin();
    typePassword('guess');
    await pressJoin();
    expect(alertText()).toBe('That password is wrong.');
    expect(passwordInput()?.getAttribute('aria-invalid')).toBe('true');
    expect(button('Join')?.disabled).toBeFalse();
  });

  it('says to wait when rate-limited', async () => {
    joinReplies = [refusal('auth.password_required'), refusal('rate_limited')];
    await render();
    await pressJoin();
    typePassword('guess');
    await pressJoin();
    expect(alertText()).toContain('Wait a moment');
    expect(passwordInput()).not.toBeNull();
  });

  it('shows the waiting note with a Cancel in place of the form while in the lobby', async () => {
    joinReplies = [refusal('lobby.waiting')];
    await render();
    await pressJoin();
    expect(element().querySelector('parley-lobby-waiting [role="status"]')?.textContent).toContain('Waiting for the host to let you in');
    expect(button('Join')).toBeUndefined();
    expect(button('Cancel joining')?.textContent?.trim()).toBe('Cancel');
    expect(alertText()).toBeNull();
  });

  it('goes back to the form on Cancel', async () => {
    joinReplies = [refusal('lobby.waiting')];
    await render();
    await pressJoin();
    button('Cancel joining')?.click();
    fixture.detectChanges();
    expect(element().querySelector('parley-lobby-waiting')).toBeNull();
    expect(button('Join')).toBeDefined();
    expect(gateway.socket.disconnectCalls).toBe(1);
  });

  it('says "The host did not let you in" when denied', async () => {
    joinReplies = [refusal('lobby.waiting')];
    await render();
    await pressJoin();
    gateway.push('lobby.decision', { admitted: false });
    fixture.detectChanges();
    expect(alertText()).toBe('The host did not let you in.');
    expect(button('Join')).toBeDefined();
  });
});
