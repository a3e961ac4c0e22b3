import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AutoplayUnlock } from './autoplay-unlock';
import { MediaTrack } from './media-track';

@Component({
  imports: [MediaTrack],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<video [parleyTrack]="track()"></video><audio [parleyTrack]="track()"></audio>`,
})
class Host {
  readonly track = signal<MediaStreamTrack | null>(null);
}

describe('MediaTrack', () => {
  let play: jasmine.Spy;

  beforeEach(() => {
    play = spyOn(HTMLMediaElement.prototype, 'play').and.returnValue(Promise.resolve());
  });

  function render() {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    return {
      fixture,
      video: element.querySelector('video') as HTMLVideoElement,
      audio: element.querySelector('audio') as HTMLAudioElement,
    };
  }

  function track(): MediaStreamTrack {
    const canvas = document.createElement('canvas');
    const [video] = canvas.captureStream().getVideoTracks();
    if (!video) throw new Error('no canvas track');
    return video;
  }

  it('makes video muted and inline before playing it, as iOS Safari needs', async () => {
    const { fixture, video } = render();
    fixture.componentInstance.track.set(track());
    await fixture.whenStable();
    expect(video.muted).toBeTrue();
    expect(video.playsInline).toBeTrue();
    expect(play).toHaveBeenCalled();
  });

  it('leaves audio unmuted', () => {
    const { audio } = render();
    expect(audio.muted).toBeFalse();
  });

  it('plays once per track, even when the browser refuses autoplay', async () => {
    play.and.callFake(() => Promise.reject(new DOMException('needs a gesture', 'NotAllowedError')));
    const { fixture } = render();
    fixture.componentInstance.track.set(track());
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fixture.whenStable();
    expect(play).toHaveBeenCalledTimes(2);
    expect(TestBed.inject(AutoplayUnlock).soundBlocked()).toBeTrue();
  });

  it('stops waiting for an element whose track is gone', async () => {
    play.and.callFake(() => Promise.reject(new DOMException('needs a gesture', 'NotAllowedError')));
    const { fixture } = render();
    fixture.componentInstance.track.set(track());
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.componentInstance.track.set(null);
    await fixture.whenStable();
    expect(TestBed.inject(AutoplayUnlock).blocked()).toBeFalse();
  });
});
