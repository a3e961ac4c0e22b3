import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FakeGateway, TEST_ROOM, joinResult } from '../../testing/fake-gateway';
import { settle, until } from '../../testing/async';
import { participant } from '../../testing/participants';
import { SignalingClient } from '../core/signaling/signaling-client';
import { LocalMedia } from '../core/webrtc/local-media';
import { CallPublishing } from '../core/call/call-publishing';
import { CALL_PROVIDERS, CallSession } from '../core/call/call-session';
import { ParticipantsStore } from '../core/call/participants-store';
import { MutedNotice } from './muted-notice';

describe('MutedNotice', () => {
  let gateway: FakeGateway;
  let fixture: ComponentFixture<MutedNotice>;
  let media: LocalMedia;
  let session: CallSession;

  const element = () => fixture.nativeElement as HTMLElement;
  const notice = () => element().querySelector('[role="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  beforeEach(async () => {
    gateway = new FakeGateway();
    gateway.handlers = {
      'room.join': () => ({ ok: true, data: joinResult() }),
      'media.publish': () => ({ ok: true, data: { answer: { type: 'answer', sdp: 'janus-answer' } } }),
      'participant.update': (payload) => ({ ok: true, data: { ...participant('me', 'Ada'), ...(payload as object) } }),
    };
    TestBed.configureTestingModule({
      providers: [SignalingClient, LocalMedia, ParticipantsStore, ...CALL_PROVIDERS, ...gateway.providers()],
    });
    session = TestBed.inject(CallSession);
    media = TestBed.inject(LocalMedia);
    await session.join(TEST_ROOM, 'Ada');
    await until(() => gateway.sent('participant.update').length > 0);
    fixture = TestBed.createComponent(MutedNotice);
    fixture.autoDetectChanges();
  });

  afterEach(() => {
    fixture.destroy();
    session.close();
  });

  it('says nothing until a host mutes', () => {
    expect(notice()).toBe('');
  });

  it('on session.muted turns the microphone off, tells the others, and says "The host muted you"', async () => {
    gateway.push('session.muted', { by: 'Grace' });
    await until(() => gateway.sent('participant.update').length === 2);
    expect(media.sendingAudio()).toBeFalse();
    expect(media.microphone().track?.enabled).toBeFalse();
    expect(gateway.sent('participant.update').at(-1)?.payload).toEqual({ audioMuted: true, videoMuted: false });
    await settle();
    expect(notice()).toContain('The host muted you');
    expect(notice()).toContain('Grace muted your microphone');
  });

  it('goes away when the person unmutes, which asks the gateway to lift the mute', async () => {
    gateway.push('session.muted', { by: 'Grace' });
    await until(() => gateway.sent('participant.update').length === 2);
    await TestBed.inject(CallPublishing).toggleMicrophone();
    await settle();
    expect(gateway.sent('participant.update').at(-1)?.payload).toEqual({ audioMuted: false, videoMuted: false });
    expect(notice()).toBe('');
  });

  it('can be dismissed', async () => {
    gateway.push('session.muted', { by: 'Grace' });
    await settle();
    element().querySelector<HTMLButtonElement>('button[aria-label="Dismiss the muted notice"]')?.click();
    await settle();
    expect(notice()).toBe('');
  });
});
