import { DestroyRef, Directive, ElementRef, effect, inject, input, untracked } from '@angular/core';
import { AudioOutput } from '../core/webrtc/audio-output';
import { AutoplayUnlock } from './autoplay-unlock';

/**
 * Plays one MediaStreamTrack in a `<video>` or `<audio>`. A new MediaStream
 * wraps each track change, because the subscriber connection may hand the
 * same receiver track to a different participant when Janus recycles an
 * m-line, and a reused stream would not restart playback. Audio plays
 * through the speaker chosen in the device settings (AudioOutput).
 *
 * Video elements never carry sound here (each microphone has its own
 * `<audio>`), so they are made muted and inline before play(): iOS Safari
 * only autoplays muted video, and plays video without `playsinline` full
 * screen (black tiles otherwise: Janus #3390, Galène #257). A play() the
 * browser refuses until a gesture waits in AutoplayUnlock.
 */
@Directive({ selector: 'video[parleyTrack], audio[parleyTrack]' })
export class MediaTrack {
  readonly parleyTrack = input.required<MediaStreamTrack | null>();

  constructor() {
    const element = inject<ElementRef<HTMLMediaElement>>(ElementRef).nativeElement;
    const autoplay = inject(AutoplayUnlock);
    if (element instanceof HTMLVideoElement) {
      element.muted = true;
      element.playsInline = true;
    }
    effect(() => {
      const track = this.parleyTrack();
      // Only the track drives this effect: AutoplayUnlock's state changing (a refusal) must not restart playback.
      untracked(() => {
        autoplay.forget(element);
        element.srcObject = track ? new MediaStream([track]) : null;
        if (track) void autoplay.play(element);
      });
    });
    if (element instanceof HTMLAudioElement) {
      const output = inject(AudioOutput);
      effect(() => void output.route(element, output.deviceId()));
    }
    inject(DestroyRef).onDestroy(() => {
      autoplay.forget(element);
      element.srcObject = null;
    });
  }
}
