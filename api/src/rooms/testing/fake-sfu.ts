import type { IceCandidate, Sdp } from '@parley/protocol';
import type {
  Sfu,
  SfuInstance,
  SfuPublishedStream,
  SfuPublisher,
  SfuPublishOptions,
  SfuRoom,
  SfuRoomOptions,
  SfuStreamRef,
  SfuStreamSetting,
  SfuSubscribedStream,
  SfuSubscriber,
} from '../sfu';
import { SfuError } from '../sfu-error';

/**
 * An in-memory SFU for unit tests of the rooms domain. It records calls and
 * models the parts of Janus's behaviour the domain relies on: feeds with
 * mids, subscriber m-lines that go inactive when unsubscribed, offers on change.
 * The real adapter is tested against a real Janus in janus-sfu.int-spec.ts.
 */
export class FakeSfu implements Sfu, SfuInstance {
  healthy = true;
  readonly rooms = new Map<string, FakeSfuRoom>();
  nextFeed = 1;
  /** Makes the next createRoom calls fail as an unreachable SFU would. */
  refuseRooms = false;

  /** `name` tells fakes apart when several stand for the servers of a pool. */
  constructor(readonly name = 'fake') {}

  get instances(): readonly SfuInstance[] {
    return [this];
  }

  /** Live (not destroyed) rooms. */
  get liveRooms(): FakeSfuRoom[] {
    return [...this.rooms.values()].filter((room) => !room.destroyed);
  }

  get roomCount(): number {
    return this.liveRooms.length;
  }

  /** Publishers not closed in live rooms: the load a pool reads. */
  get publishers(): number {
    return this.liveRooms.reduce((sum, room) => sum + room.publishers.filter((p) => p.closed === 0).length, 0);
  }

  async createRoom(roomKey: string, options: SfuRoomOptions): Promise<SfuRoom> {
    if (this.refuseRooms || !this.healthy) throw new SfuError(`fake SFU ${this.name} is unreachable`);
    const room = new FakeSfuRoom(this, roomKey, options);
    this.rooms.set(roomKey, room);
    return room;
  }

  private readonly connectionListeners = new Set<(up: boolean) => void>();
  private readonly roomLostListeners = new Set<(roomKey: string) => void>();

  onConnectionChange(listener: (up: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  onRoomLost(listener: (roomKey: string) => void): () => void {
    this.roomLostListeners.add(listener);
    return () => this.roomLostListeners.delete(listener);
  }

  /** Simulates losing the SFU and getting it back. */
  restart(): void {
    this.lose();
    this.recover();
  }

  /** Simulates losing the SFU: every room in it is gone. */
  lose(): void {
    this.healthy = false;
    for (const room of this.rooms.values()) room.destroyed = true;
    this.rooms.clear();
    for (const listener of this.connectionListeners) listener(false);
  }

  /** Simulates the SFU coming back (empty). */
  recover(): void {
    this.healthy = true;
    for (const listener of this.connectionListeners) listener(true);
  }

  /** Simulates a pool losing one room with its server while others are up. */
  loseRoom(roomKey: string): void {
    const room = this.rooms.get(roomKey);
    if (room !== undefined) room.destroyed = true;
    this.rooms.delete(roomKey);
    for (const listener of this.roomLostListeners) listener(roomKey);
  }

  async close(): Promise<void> {
    this.rooms.clear();
  }
}

export class FakeSfuRoom implements SfuRoom {
  destroyed = false;
  readonly publishers: FakePublisher[] = [];
  readonly subscribers: FakeSubscriber[] = [];
  private readonly talkingListeners = new Set<(feedId: number | string, talking: boolean) => void>();

  constructor(
    private readonly sfu: FakeSfu,
    readonly key: string,
    readonly options: SfuRoomOptions,
  ) {}

  get instance(): string {
    return this.sfu.name;
  }

  async createPublisher(participantId: string): Promise<SfuPublisher> {
    const publisher = new FakePublisher(this.sfu.nextFeed++, participantId);
    this.publishers.push(publisher);
    return publisher;
  }

  async createSubscriber(participantId: string): Promise<SfuSubscriber> {
    const subscriber = new FakeSubscriber(participantId);
    this.subscribers.push(subscriber);
    return subscriber;
  }

  readonly moderated: { feedId: number | string; mid: string; muted: boolean }[] = [];

  async moderate(feedId: number | string, mid: string, muted: boolean): Promise<void> {
    this.moderated.push({ feedId, mid, muted });
  }

  onTalking(listener: (feedId: number | string, talking: boolean) => void): () => void {
    this.talkingListeners.add(listener);
    return () => this.talkingListeners.delete(listener);
  }

  /** Simulates the SFU's voice-activity detection. */
  emitTalking(feedId: number, talking: boolean): void {
    for (const listener of this.talkingListeners) listener(feedId, talking);
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  released = false;

  async release(): Promise<void> {
    this.released = true;
  }
}

export class FakePublisher implements SfuPublisher {
  closed = 0;
  readonly trickled: IceCandidate[] = [];
  streams: SfuPublishedStream[] = [];
  /** The options of the last publish. */
  publishOptions: SfuPublishOptions | undefined;

  constructor(
    readonly feedId: number,
    readonly participantId: string,
  ) {}

  async publish(offer: Sdp, descriptions: ReadonlyArray<{ mid: string; description: string }>, options?: SfuPublishOptions) {
    this.publishOptions = options;
    // As Janus does, the camera (sent as rid layers) is reported simulcast, a screen (one encoding) not.
    this.streams = descriptions.map((d) => ({
      mid: d.mid,
      kind: d.description === 'microphone' || d.description === 'screen-audio' ? ('audio' as const) : ('video' as const),
      description: d.description,
      ...(d.description === 'camera' ? { simulcast: true } : {}),
    }));
    return { answer: { type: 'answer' as const, sdp: `answer-to:${offer.sdp}` }, streams: this.streams };
  }

  async unpublish(): Promise<void> {
    this.streams = [];
  }

  async trickle(candidate: IceCandidate): Promise<void> {
    this.trickled.push(candidate);
  }

  async close(): Promise<void> {
    this.closed += 1;
  }
}

export class FakeSubscriber implements SfuSubscriber {
  readonly lines: { mid: string; feedId: number | string; feedMid: string; active: boolean; kind: 'audio' | 'video' }[] = [];
  readonly updates: { subscribe: SfuStreamRef[]; unsubscribe: SfuStreamRef[] }[] = [];
  readonly answers: Sdp[] = [];
  readonly configured: SfuStreamSetting[][] = [];
  closed = 0;
  /** Makes the next update wait until this promise resolves. */
  gate: Promise<void> = Promise.resolve();
  /** Makes the next N configure calls fail, as a Janus that timed out would. */
  failConfigures = 0;

  constructor(readonly participantId: string) {}

  async update(subscribe: readonly SfuStreamRef[], unsubscribe: readonly SfuStreamRef[]) {
    await this.gate;
    this.updates.push({ subscribe: [...subscribe], unsubscribe: [...unsubscribe] });
    for (const ref of unsubscribe) {
      for (const line of this.lines) {
        if (line.feedId === ref.feedId && (ref.mid === undefined || line.feedMid === ref.mid)) line.active = false;
      }
    }
    for (const ref of subscribe) {
      this.lines.push({
        mid: String(this.lines.length),
        feedId: ref.feedId,
        feedMid: ref.mid ?? '0',
        active: true,
        kind: ref.mid === '0' ? 'audio' : 'video',
      });
    }
    const streams: SfuSubscribedStream[] = this.lines.map((line) => ({ ...line }));
    return { offer: { type: 'offer' as const, sdp: `offer-${this.updates.length}` }, streams };
  }

  async start(answer: Sdp): Promise<void> {
    this.answers.push(answer);
  }

  async configure(settings: readonly SfuStreamSetting[]): Promise<void> {
    if (this.failConfigures > 0) {
      this.failConfigures -= 1;
      throw new Error('configure timed out');
    }
    this.configured.push([...settings]);
  }

  async trickle(): Promise<void> {
    return undefined;
  }

  async close(): Promise<void> {
    this.closed += 1;
  }
}
