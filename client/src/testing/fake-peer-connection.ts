/** A transceiver as FakePeerConnection hands it out. */
export interface FakeTransceiver {
  mid: string | null;
  currentDirection: RTCRtpTransceiverDirection | null;
  direction: RTCRtpTransceiverDirection;
  readonly kind: 'audio' | 'video';
  readonly init: RTCRtpTransceiverInit | undefined;
  readonly receiver: { readonly track: MediaStreamTrack };
  readonly sender: { track: MediaStreamTrack | null; replaceTrack(track: MediaStreamTrack | null): Promise<void> };
  readonly replaced: (MediaStreamTrack | null)[];
}

/**
 * A scriptable RTCPeerConnection for specs that need to control timing
 * (a description that resolves late, one that fails). It records what was
 * called, in order, in `log`.
 */
export class FakePeerConnection {
  onicecandidate: ((event: { candidate: RTCIceCandidate | null }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  connectionState: RTCPeerConnectionState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  /** Keeps ICE checking after an answer is applied, until {@link ice} moves it (by default it connects at once). */
  holdIce = false;
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly transceivers: FakeTransceiver[] = [];
  readonly log: string[] = [];
  closed = false;
  /** Makes the next setRemoteDescription with this sdp fail. */
  failRemote: string | null = null;
  private offers = 0;
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(public configuration: RTCConfiguration) {}

  addTransceiver(trackOrKind: MediaStreamTrack | string, init?: RTCRtpTransceiverInit): FakeTransceiver {
    const kind = (typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind) as 'audio' | 'video';
    const replaced: (MediaStreamTrack | null)[] = [];
    const sender = {
      track: typeof trackOrKind === 'string' ? null : trackOrKind,
      replaceTrack: (track: MediaStreamTrack | null) => {
        replaced.push(track);
        sender.track = track;
        return Promise.resolve();
      },
    };
    const transceiver: FakeTransceiver = {
      mid: null,
      currentDirection: null,
      direction: init?.direction ?? 'sendrecv',
      kind,
      init,
      receiver: { track: { kind } as MediaStreamTrack },
      sender,
      replaced,
    };
    this.transceivers.push(transceiver);
    return transceiver;
  }

  getTransceivers(): FakeTransceiver[] {
    return this.transceivers;
  }

  createOffer(): Promise<RTCSessionDescriptionInit> {
    this.offers += 1;
    this.log.push('createOffer');
    return Promise.resolve({ type: 'offer', sdp: `fake-offer-${this.offers}` });
  }

  createAnswer(): Promise<RTCSessionDescriptionInit> {
    this.log.push('createAnswer');
    return Promise.resolve({ type: 'answer', sdp: `answer-to-${this.remoteDescription?.sdp ?? ''}` });
  }

  setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.log.push(`setLocalDescription ${description.sdp ?? ''}`);
    this.localDescription = description;
    this.transceivers.forEach((t, i) => {
      t.mid ??= String(i);
      if (description.type === 'answer') t.currentDirection = t.direction;
    });
    if (description.type === 'answer' && this.iceConnectionState === 'new') this.ice(this.holdIce ? 'checking' : 'connected');
    return Promise.resolve();
  }

  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.log.push(`setRemoteDescription ${description.sdp ?? ''}`);
    if (description.sdp === this.failRemote) return Promise.reject(new DOMException('bad sdp', 'InvalidAccessError'));
    this.remoteDescription = description;
    return Promise.resolve();
  }

  getConfiguration(): RTCConfiguration {
    return this.configuration;
  }

  setConfiguration(configuration: RTCConfiguration): void {
    this.log.push('setConfiguration');
    this.configuration = configuration;
  }

  close(): void {
    this.closed = true;
    this.connectionState = 'closed';
    this.iceConnectionState = 'closed';
  }

  addEventListener(type: string, listener: () => void): void {
    const listeners = this.listeners.get(type) ?? new Set();
    listeners.add(listener);
    this.listeners.set(type, listeners);
  }

  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** How many listeners of `type` are still added (a spec checks they are removed). */
  listenerCount(type: string): number {
    return this.listeners.get(type)?.size ?? 0;
  }

  /** Simulates ICE reaching `state` (an iceconnectionstatechange event). */
  ice(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    for (const listener of [...(this.listeners.get('iceconnectionstatechange') ?? [])]) listener();
  }

  /** Simulates ICE gathering producing a candidate (or the end, with null). */
  gather(candidate: RTCIceCandidateInit | null): void {
    this.onicecandidate?.({ candidate: candidate ? new RTCIceCandidate(candidate) : null });
  }

  asPeerConnection(): RTCPeerConnection {
    return this as unknown as RTCPeerConnection;
  }
}
