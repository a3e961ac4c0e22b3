/** Real, device-free tracks for specs: a canvas for video, an oscillator for audio. */
export function videoTrack(): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 90;
  canvas.getContext('2d')?.fillRect(0, 0, 160, 90);
  const track = canvas.captureStream(5).getVideoTracks()[0];
  if (!track) throw new Error('canvas gave no video track');
  return track;
}

export function audioTrack(): MediaStreamTrack {
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  context.createOscillator().connect(destination);
  const track = destination.stream.getAudioTracks()[0];
  if (!track) throw new Error('audio context gave no track');
  return track;
}

/** A fake `navigator.mediaDevices` whose devices work or fail as a spec says. */
export class FakeMediaDevices {
  /** Why each device fails, by kind; absent means it works. */
  failures: { audio?: string; video?: string } = {};
  readonly requests: MediaStreamConstraints[] = [];
  readonly handedOut: MediaStreamTrack[] = [];

  getUserMedia(constraints: MediaStreamConstraints = {}): Promise<MediaStream> {
    this.requests.push(constraints);
    const failed = (['audio', 'video'] as const).find((kind) => constraints[kind] && this.failures[kind]);
    if (failed) return Promise.reject(new DOMException('fake failure', this.failures[failed]));
    const tracks: MediaStreamTrack[] = [];
    if (constraints.audio) tracks.push(audioTrack());
    if (constraints.video) tracks.push(videoTrack());
    this.handedOut.push(...tracks);
    return Promise.resolve(new MediaStream(tracks));
  }
}
