import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { RemoteTrack } from '../core/webrtc/remote-tracks';
import { CallConnections } from '../core/call/call-connections';
import { LayoutPreference } from './layout-preference';
import { LayoutSwitch } from './layout-switch';
import { StageLayoutState } from './stage-layout';

describe('LayoutSwitch', () => {
  let fixture: ComponentFixture<LayoutSwitch>;
  const tracks = signal<RemoteTrack[]>([]);
  const button = (name: string) => (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);

  beforeEach(() => {
    localStorage.removeItem('parley.layout');
    tracks.set([]);
    TestBed.configureTestingModule({
      providers: [StageLayoutState, { provide: CallConnections, useValue: { remoteTracks: tracks } }],
    });
    fixture = TestBed.createComponent(LayoutSwitch);
    fixture.detectChanges();
  });

  afterEach(() => localStorage.removeItem('parley.layout'));

  it('is a group named Layout with a named button per layout, the grid pressed', () => {
    const host = fixture.nativeElement as HTMLElement;
    expect(host.getAttribute('role')).toBe('group');
    expect(host.getAttribute('aria-label')).toBe('Layout');
    expect(button('Grid layout')?.getAttribute('aria-pressed')).toBe('true');
    expect(button('Speaker layout')?.getAttribute('aria-pressed')).toBe('false');
  });

  it('switches to the speaker layout and remembers it', () => {
    button('Speaker layout')?.click();
    fixture.detectChanges();
    expect(TestBed.inject(LayoutPreference).layout()).toBe('speaker');
    expect(button('Speaker layout')?.getAttribute('aria-pressed')).toBe('true');
    expect(localStorage.getItem('parley.layout')).toBe('speaker');
  });

  it('offers the presentation layout only while someone shares a screen, pressed when it shows', () => {
    expect(button('Presentation layout')).toBeNull();
    tracks.set([{ mid: '2', participantId: 'ada', kind: 'video', source: 'screen', track: {} as MediaStreamTrack }]);
    fixture.detectChanges();
    expect(button('Presentation layout')?.getAttribute('aria-pressed')).toBe('true');
    expect(button('Grid layout')?.getAttribute('aria-pressed')).toBe('false');
    button('Grid layout')?.click();
    fixture.detectChanges();
    expect(button('Presentation layout')?.getAttribute('aria-pressed')).toBe('false');
    expect(button('Grid layout')?.getAttribute('aria-pressed')).toBe('true');
  });
});
