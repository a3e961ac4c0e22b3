import { TestBed } from '@angular/core/testing';
import { audioTrack, videoTrack } from '../../../testing/media-fakes';
import { DISPLAY_CAPTURE, ScreenCapture, ScreenCaptureFailure, type DisplayCapture, type ScreenCaptureOptions } from './screen-capture';

describe('ScreenCapture', () => {
  let asked: ScreenCaptureOptions[];

  function setup(capture: DisplayCapture | null): ScreenCapture {
    asked = [];
    const recording: DisplayCapture | null =
      capture &&
      ((options) => {
        asked.push(options);
        return capture(options);
      });
    TestBed.configureTestingModule({ providers: [{ provide: DISPLAY_CAPTURE, useValue: recording }] });
    return TestBed.inject(ScreenCapture);
  }

  it('is unsupported where the browser has no getDisplayMedia', () => {
    expect(setup(null).supported).toBeFalse();
  });

  it('hands back the screen tuned for text, with the tab or system audio the browser offered', async () => {
    const video = videoTrack();
    const audio = audioTrack();
    const result = await setup(async () => new MediaStream([video, audio])).start();
    expect(result).toEqual({ ok: true, tracks: { video, audio } });
    expect(video.contentHint).toBe('detail');
  });

  it('asks for audio and at most 15 frames a second', async () => {
    await setup(async () => new MediaStream([videoTrack()])).start();
    const video = asked[0]?.video as MediaTrackConstraints;
    expect(asked[0]?.audio).toBeTrue();
    expect((video.frameRate as ConstrainDoubleRange).max).toBeLessThanOrEqual(15);
  });

  it('shares without audio when the browser offers none', async () => {
    const result = await setup(async () => new MediaStream([videoTrack()])).start();
    expect(result.ok && result.tracks.audio).toBeNull();
  });

  it('reads a closed picker as cancelled, not as an error', async () => {
    const result = await setup(() => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))).start();
    expect(result).toEqual({ ok: false, failure: ScreenCaptureFailure.Cancelled });
  });

  it('reports a capturer that fails', async () => {
    const result = await setup(() => Promise.reject(new DOMException('Could not start video source', 'NotReadableError'))).start();
    expect(result).toEqual({ ok: false, failure: ScreenCaptureFailure.Failed });
  });

  it('stops what it got when no video came with it', async () => {
    const audio = audioTrack();
    const result = await setup(async () => new MediaStream([audio])).start();
    expect(result).toEqual({ ok: false, failure: ScreenCaptureFailure.Failed });
    expect(audio.readyState).toBe('ended');
  });
});
