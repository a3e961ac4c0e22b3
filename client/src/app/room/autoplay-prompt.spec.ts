import { ComponentFixture, TestBed } from '@angular/core/testing';
import { AutoplayPrompt } from './autoplay-prompt';
import { AutoplayUnlock } from '../ui/autoplay-unlock';

describe('AutoplayPrompt', () => {
  let fixture: ComponentFixture<AutoplayPrompt>;
  let autoplay: AutoplayUnlock;
  const button = () => (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button[data-autoplay-unlock]');

  /** An audio element with a source whose first play() is refused and the next ones succeed. */
  async function blockAudio(): Promise<HTMLAudioElement> {
    const audio = document.createElement('audio');
    audio.srcObject = new MediaStream();
    let calls = 0;
    spyOn(audio, 'play').and.callFake(() =>
      calls++ === 0 ? Promise.reject(new DOMException('needs a gesture', 'NotAllowedError')) : Promise.resolve(),
    );
    await autoplay.play(audio);
    return audio;
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(AutoplayPrompt);
    autoplay = TestBed.inject(AutoplayUnlock);
    fixture.detectChanges();
  });

  it('shows nothing while media plays', () => {
    expect(button()).toBeNull();
  });

  it('offers "Tap to enable sound" once the browser refused remote audio', async () => {
    await blockAudio();
    await fixture.whenStable();
    expect(button()?.textContent?.trim()).toBe('Tap to enable sound');
  });

  it('plays the held-back audio when tapped, and goes away', async () => {
    const audio = await blockAudio();
    await fixture.whenStable();
    button()?.click();
    await fixture.whenStable();
    expect(audio.play).toHaveBeenCalledTimes(2);
    expect(button()).toBeNull();
  });

  it('takes any click on the page as the gesture', async () => {
    const audio = await blockAudio();
    await fixture.whenStable();
    document.body.click();
    await fixture.whenStable();
    expect(audio.play).toHaveBeenCalledTimes(2);
    expect(button()).toBeNull();
  });
});
