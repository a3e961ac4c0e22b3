import { DestroyRef, Directive, ElementRef, effect, inject, input } from '@angular/core';
import { AudioOutput } from '../core/webrtc/audio-output';

/**
 * Plays one MediaStreamTrack in a `<video>` or `<audio>`. A new MediaStream
 * wraps each track change, because the subscriber connection may hand the
 * same receiver track to a different participant when Janus recycles an
 * m-line, and a reused stream would not restart playback. Audio plays
 * through the speaker chosen in the device settings (AudioOutput).
 */
@Directive({ selector: 'video[parleyTrack], audio[parleyTrack]' })
export class MediaTrack {
  readonly parleyTrack = input.required<MediaStreamTrack | null>();

  constructor() {
    const element = inject<ElementRef<HTMLMediaElement>>(ElementRef).nativeElement;
    effect(() => {
      const track = this.parleyTrack();
      element.srcObject = track ? new MediaStream([track]) : null;
      if (!track) return;
      element.play().catch((error: unknown) => {
        // Autoplay refusals are the only expected failure; joining is a click, so they should not happen.
        if (!(error instanceof DOMException && error.name === 'AbortError')) {
          console.warn(`Parley: could not play ${track.kind}`, error);
        }
      });
    });
    if (element instanceof HTMLAudioElement) {
      const output = inject(AudioOutput);
      effect(() => void output.route(element, output.deviceId()));
    }
    inject(DestroyRef).onDestroy(() => (element.srcObject = null));
  }
}
