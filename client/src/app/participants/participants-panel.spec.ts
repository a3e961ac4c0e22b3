import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FakeMediaDevices } from '../../testing/media-fakes';
import { participant } from '../../testing/participants';
import { SignalingClient } from '../core/signaling/signaling-client';
import { LocalMedia } from '../core/webrtc/local-media';
import { HostActions } from '../host/host-actions';
import { MEDIA_DEVICES } from '../core/webrtc/platform';
import { ParticipantsStore } from '../core/call/participants-store';
import { SidePanelState } from '../ui/side-panel';
import { ParticipantsPanel } from './participants-panel';
import { PARTICIPANTS_TOGGLE_ID } from './participants-toggle';

describe('ParticipantsPanel', () => {
  let fixture: ComponentFixture<ParticipantsPanel>;
  let store: ParticipantsStore;
  let media: LocalMedia;

  const element = () => fixture.nativeElement as HTMLElement;
  const rows = () => Array.from(element().querySelectorAll('li'));
  const rowText = (i: number) => rows()[i]?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const me = participant('me', 'Ada', { role: 'host', joinedAt: 1 });
  const bob = participant('bob', 'Bob', { joinedAt: 2, audioMuted: true, videoMuted: true });
  const cy = participant('cy', 'Cy', { joinedAt: 3 });

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        ParticipantsStore,
        LocalMedia,
        { provide: MEDIA_DEVICES, useValue: new FakeMediaDevices() },
        // The host's per-person menu (participant-actions.spec covers it) sends through these.
        SignalingClient,
        HostActions,
      ],
    });
    store = TestBed.inject(ParticipantsStore);
    media = TestBed.inject(LocalMedia);
    await media.start();
    store.dispatch({ type: 'snapshot', self: me, others: [bob, cy] });
    TestBed.inject(SidePanelState).open.set('participants');
    fixture = TestBed.createComponent(ParticipantsPanel);
    fixture.detectChanges();
    await fixture.whenStable();
  });

  afterEach(() => media.close());

  it('lists everyone, oneself first and marked "(you)"', () => {
    expect(rows().map((r) => r.querySelector('.name')?.textContent)).toEqual(['Ada', 'Bob', 'Cy']);
    expect(rows()[0]?.querySelector('.you')?.textContent).toBe('(you)');
    expect(rows()[1]?.querySelector('.you')).toBeNull();
  });

  it('shows the count in the heading', () => {
    expect(element().querySelector('h2')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Participants 3');
  });

  it('badges the host, and only the host', () => {
    expect(rows().map((r) => r.querySelector('[data-host]')?.textContent ?? null)).toEqual(['Host', null, null]);
  });

  it('says who is muted and who has the camera off', () => {
    expect(rowText(1)).toContain('Microphone muted');
    expect(rowText(1)).toContain('Camera off');
    expect(rowText(2)).toContain('Microphone on');
    expect(rowText(2)).toContain('Camera on');
  });

  it('shows one’s own state from the devices, without waiting for the gateway', () => {
    media.setMicrophoneOn(false);
    fixture.detectChanges();
    expect(rowText(0)).toContain('Microphone muted');
  });

  it('moves a raised hand up, numbered in the queue, when it is raised', () => {
    store.dispatch({ type: 'updated', participant: { ...cy, handRaisedAt: 100 } });
    fixture.detectChanges();
    expect(rows().map((r) => r.querySelector('.name')?.textContent)).toEqual(['Ada', 'Cy', 'Bob']);
    expect(rowText(1)).toContain('Hand raised, number 1 in line');
  });

  it('focuses its heading when it opens', () => {
    expect(document.activeElement).toBe(element().querySelector('h2'));
  });

  it('closes with "Close participants" and gives focus back to the Participants button', () => {
    const toggle = document.createElement('button');
    toggle.id = PARTICIPANTS_TOGGLE_ID;
    document.body.append(toggle);
    (element().querySelector('button[aria-label="Close participants"]') as HTMLButtonElement).click();
    expect(TestBed.inject(SidePanelState).open()).toBeNull();
    expect(document.activeElement).toBe(toggle);
    toggle.remove();
  });

  it('closes on Escape', () => {
    element().querySelector('h2')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(TestBed.inject(SidePanelState).open()).toBeNull();
  });
});
