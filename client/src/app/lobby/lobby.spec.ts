import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { RoomId } from '@parley/protocol';
import { settle } from '../../testing/async';
import { FakeMediaDevices } from '../../testing/media-fakes';
import { SignalingClient } from '../core/signaling/signaling-client';
import { LocalMedia } from '../core/webrtc/local-media';
import { MEDIA_DEVICES } from '../core/webrtc/platform';
import { CALL_PROVIDERS, CallSession } from '../core/call/call-session';
import { ParticipantsStore } from '../core/call/participants-store';
import { DisplayNameStorage } from './display-name-storage';
import { Lobby } from './lobby';

describe('Lobby', () => {
  let fixture: ComponentFixture<Lobby>;
  let devices: FakeMediaDevices;
  let remembered: string;
  let join: jasmine.Spy;
  let prepare: jasmine.Spy;

  const element = () => fixture.nativeElement as HTMLElement;
  const joinButton = () =>
    Array.from(element().querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Join') as HTMLButtonElement;
  const nameInput = () => element().querySelector('#display-name') as HTMLInputElement;

  async function render(): Promise<void> {
    prepare = spyOn(TestBed.inject(CallSession), 'prepare');
    join = spyOn(TestBed.inject(CallSession), 'join').and.resolveTo();
    fixture = TestBed.createComponent(Lobby);
    fixture.componentRef.setInput('room', 'abcde-fghjk' as RoomId);
    fixture.detectChanges();
    await settle();
    fixture.detectChanges();
  }

  function type(value: string): void {
    nameInput().value = value;
    nameInput().dispatchEvent(new Event('input'));
    fixture.detectChanges();
  }

  beforeEach(() => {
    devices = new FakeMediaDevices();
    remembered = '';
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        SignalingClient,
        LocalMedia,
        ParticipantsStore,
        ...CALL_PROVIDERS,
        { provide: MEDIA_DEVICES, useValue: devices },
        { provide: DisplayNameStorage, useValue: { load: () => remembered, save: (n: string) => (remembered = n) } },
      ],
    });
  });

  afterEach(() => TestBed.inject(LocalMedia).close());

  it('labels the name field "Your name"', async () => {
    await render();
    expect(element().querySelector('label[for="display-name"]')?.textContent?.trim()).toBe('Your name');
  });

  it('connects to the gateway while the person is still in the lobby', async () => {
    await render();
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(join).not.toHaveBeenCalled();
  });

  it('disables Join until a name is typed', async () => {
    await render();
    expect(joinButton().disabled).toBeTrue();
    type('Ada');
    expect(joinButton().disabled).toBeFalse();
  });

  it('keeps Join disabled for a name of spaces only', async () => {
    await render();
    type('   ');
    expect(joinButton().disabled).toBeTrue();
  });

  it('prefills the remembered name', async () => {
    remembered = 'Grace';
    await render();
    expect(nameInput().value).toBe('Grace');
    expect(joinButton().disabled).toBeFalse();
  });

  it('joins the room with the typed name and remembers it', async () => {
    await render();
    type('  Ada ');
    joinButton().click();
    expect(join).toHaveBeenCalledWith('abcde-fghjk' as RoomId, 'Ada');
    expect(remembered).toBe('Ada');
  });

  it('shows the microphone and camera toggles with the call’s names', async () => {
    await render();
    const names = Array.from(element().querySelectorAll('parley-device-toggle button')).map((b) => b.getAttribute('aria-label'));
    expect(names).toEqual(['Mute microphone', 'Turn off camera']);
  });

  it('explains a camera that was not found, in words', async () => {
    devices.failures = { video: 'NotFoundError' };
    await render();
    expect(element().querySelector('[role="alert"]')?.textContent).toContain('No camera was found');
  });

  it('shows the mirrored camera preview', async () => {
    await render();
    const video = element().querySelector('video');
    expect(video?.classList).toContain('mirrored');
    expect(video?.muted).toBeTrue();
  });
});
