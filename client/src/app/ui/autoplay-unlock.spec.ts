import { TestBed } from '@angular/core/testing';
import { AutoplayUnlock } from './autoplay-unlock';

const refusal = () => new DOMException('play() needs a user gesture', 'NotAllowedError');

/** A real media element with a source, whose play() answers from `outcomes` in turn (resolving once they run out). */
function element(kind: 'audio' | 'video', ...outcomes: Array<'refuse' | 'abort' | 'play'>): HTMLMediaElement {
  const media = document.createElement(kind);
  media.muted = kind === 'video';
  media.srcObject = new MediaStream();
  spyOn(media, 'play').and.callFake(() => {
    const outcome = outcomes.shift() ?? 'play';
    if (outcome === 'refuse') return Promise.reject(refusal());
    if (outcome === 'abort') return Promise.reject(new DOMException('interrupted', 'AbortError'));
    return Promise.resolve();
  });
  return media;
}

describe('AutoplayUnlock', () => {
  let autoplay: AutoplayUnlock;

  beforeEach(() => {
    autoplay = TestBed.inject(AutoplayUnlock);
  });

  it('asks for nothing when the browser lets media play', async () => {
    await autoplay.play(element('audio', 'play'));
    expect(autoplay.blocked()).toBeFalse();
  });

  it('keeps audio the browser refused to autoplay, as blocked sound', async () => {
    await autoplay.play(element('audio', 'refuse'));
    expect(autoplay.blocked()).toBeTrue();
    expect(autoplay.soundBlocked()).toBeTrue();
  });

  it('tells a refused muted video apart from blocked sound', async () => {
    await autoplay.play(element('video', 'refuse'));
    expect(autoplay.blocked()).toBeTrue();
    expect(autoplay.soundBlocked()).toBeFalse();
  });

  it('does not count an interrupted play() as blocked', async () => {
    await autoplay.play(element('audio', 'abort'));
    expect(autoplay.blocked()).toBeFalse();
  });

  it('starts every waiting element within the gesture, synchronously, and then asks for nothing', async () => {
    const audio = element('audio', 'refuse', 'play');
    const video = element('video', 'refuse', 'play');
    await autoplay.play(audio);
    await autoplay.play(video);

    const unlocked = autoplay.unlock();
    expect(audio.play).toHaveBeenCalledTimes(2);
    expect(video.play).toHaveBeenCalledTimes(2);
    await unlocked;
    expect(autoplay.blocked()).toBeFalse();
  });

  it('keeps waiting for an element the gesture did not unblock', async () => {
    const audio = element('audio', 'refuse', 'refuse');
    await autoplay.play(audio);
    await autoplay.unlock();
    expect(autoplay.blocked()).toBeTrue();
  });

  it('starts each element once when two gestures come together', async () => {
    const audio = element('audio', 'refuse');
    await autoplay.play(audio);
    const first = autoplay.unlock();
    const second = autoplay.unlock();
    await Promise.all([first, second]);
    expect(audio.play).toHaveBeenCalledTimes(2);
  });

  it('forgets an element whose track went away', async () => {
    const audio = element('audio', 'refuse');
    await autoplay.play(audio);
    autoplay.forget(audio);
    expect(autoplay.blocked()).toBeFalse();
  });

  it('ignores a refusal that arrives after the element lost its source', async () => {
    const audio = document.createElement('audio');
    audio.srcObject = new MediaStream();
    let refuse: (error: DOMException) => void = () => undefined;
    spyOn(audio, 'play').and.returnValue(new Promise<void>((_, reject) => (refuse = reject)));
    const playing = autoplay.play(audio);
    audio.srcObject = null;
    refuse(refusal());
    await playing;
    expect(autoplay.blocked()).toBeFalse();
  });
});
