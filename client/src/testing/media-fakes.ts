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

/** A device as FakeMediaDevices lists it. */
export interface FakeDevice {
  readonly deviceId: string;
  readonly kind: MediaDeviceKind;
  label: string;
  readonly groupId: string;
}

/** Two microphones, two cameras and two speakers, named as after permission. */
export function fakeDeviceSet(): FakeDevice[] {
  const device = (kind: MediaDeviceKind, deviceId: string, label: string): FakeDevice => ({ kind, deviceId, label, groupId: deviceId });
  return [
    device('audioinput', 'mic-1', 'Desk microphone'),
    device('audioinput', 'mic-2', 'Headset microphone'),
    device('videoinput', 'cam-1', 'Built-in camera'),
    device('videoinput', 'cam-2', 'USB camera'),
    device('audiooutput', 'spk-1', 'Built-in speakers'),
    device('audiooutput', 'spk-2', 'Headset earphones'),
  ];
}

/**
 * A fake `navigator.mediaDevices` whose devices work or fail as a spec says.
 * Tracks report the device they came from in `getSettings().deviceId`: the
 * one asked for (exact or ideal) when listed, else the first of its kind.
 */
export class FakeMediaDevices {
  /** Why each device fails, by kind; absent means it works. */
  failures: { audio?: string; video?: string } = {};
  /** Why a particular device fails (for example 'NotReadableError': in use), by deviceId. */
  deviceFailures: Record<string, string> = {};
  /** What enumerateDevices lists; change it with `changeDevices`. */
  devices: FakeDevice[] = fakeDeviceSet();
  readonly requests: MediaStreamConstraints[] = [];
  readonly handedOut: MediaStreamTrack[] = [];
  private readonly target = new EventTarget();

  getUserMedia(constraints: MediaStreamConstraints = {}): Promise<MediaStream> {
    this.requests.push(constraints);
    const failed = (['audio', 'video'] as const).find((kind) => constraints[kind] && this.failures[kind]);
    if (failed) return Promise.reject(new DOMException('fake failure', this.failures[failed]));
    const audioId = constraints.audio ? this.pick('audioinput', constraints.audio) : null;
    const videoId = constraints.video ? this.pick('videoinput', constraints.video) : null;
    for (const id of [audioId, videoId]) {
      const failure = id ? this.deviceFailures[id] : undefined;
      if (failure) return Promise.reject(new DOMException('fake device failure', failure));
    }
    if (audioId === undefined || videoId === undefined) {
      return Promise.reject(new DOMException('no such device', 'OverconstrainedError'));
    }
    const tracks: MediaStreamTrack[] = [];
    if (audioId !== null) tracks.push(reporting(audioTrack(), audioId));
    if (videoId !== null) tracks.push(reporting(videoTrack(), videoId));
    this.handedOut.push(...tracks);
    return Promise.resolve(new MediaStream(tracks));
  }

  enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return Promise.resolve(this.devices.map((d) => ({ ...d, toJSON: () => d }) as MediaDeviceInfo));
  }

  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    this.target.addEventListener(type, listener);
  }

  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    this.target.removeEventListener(type, listener);
  }

  /** Replaces the device list and fires `devicechange`, as plugging a device in or out does. */
  changeDevices(devices: FakeDevice[]): void {
    this.devices = devices;
    this.target.dispatchEvent(new Event('devicechange'));
  }

  /**
   * The device a request opens: the exact id (undefined when not listed:
   * the request fails), the ideal id when listed, else the first listed of
   * that kind ('' when none is listed, as a device-free spec needs no list).
   */
  private pick(kind: MediaDeviceKind, constraint: boolean | MediaTrackConstraints): string | undefined {
    const listed = this.devices.filter((d) => d.kind === kind);
    const wanted = typeof constraint === 'object' ? constraint.deviceId : undefined;
    if (wanted && typeof wanted === 'object' && !Array.isArray(wanted)) {
      const { exact, ideal } = wanted as ConstrainDOMStringParameters;
      if (typeof exact === 'string') return listed.some((d) => d.deviceId === exact) ? exact : undefined;
      if (typeof ideal === 'string' && listed.some((d) => d.deviceId === ideal)) return ideal;
    }
    return listed[0]?.deviceId ?? '';
  }
}

/** Makes a track's settings name the device it came from, as real capture tracks do. */
function reporting(track: MediaStreamTrack, deviceId: string): MediaStreamTrack {
  const settings = track.getSettings();
  track.getSettings = () => ({ ...settings, deviceId });
  return track;
}
