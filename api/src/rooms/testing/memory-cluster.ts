import type { ParticipantId, RoomId } from '@parley/protocol';
import type { ClusterMessage, MemberState, RoomCluster, SharedSettings } from '../cluster';

/**
 * Several gateways' shared state and message bus in memory, for unit tests
 * of the rooms domain across gateways. Messages reach every other gateway in
 * the order sent, asynchronously (as through Redis); `settle()` waits for them.
 */
export class MemoryClusterHub {
  readonly members = new Map<RoomId, Map<ParticipantId, MemberState>>();
  readonly settings = new Map<RoomId, SharedSettings>();
  readonly live = new Set<string>();
  readonly spent = new Set<string>();
  private readonly gateways = new Map<string, MemoryCluster>();
  private delivery: Promise<void> = Promise.resolve();

  gateway(id: string): MemoryCluster {
    const cluster = new MemoryCluster(this, id);
    this.gateways.set(id, cluster);
    this.live.add(id);
    return cluster;
  }

  deliver(from: string, message: ClusterMessage): void {
    const copy = JSON.parse(JSON.stringify(message)) as ClusterMessage;
    for (const [id, gateway] of this.gateways) {
      if (id === from) continue;
      this.delivery = this.delivery.then(() => new Promise<void>((resolve) => setImmediate(() => {
        gateway.receive(copy);
        resolve();
      })));
    }
  }

  /**
   * Waits until every message sent so far was delivered and what it started
   * has run (signing a token takes a trip to libuv's thread pool, so a few
   * short timers rather than microtask turns).
   */
  async settle(): Promise<void> {
    for (let i = 0; i < 10; i += 1) {
      await this.delivery;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

export class MemoryCluster implements RoomCluster {
  private readonly listeners = new Set<(message: ClusterMessage) => void>();
  readonly sent: ClusterMessage[] = [];

  constructor(
    private readonly hub: MemoryClusterHub,
    readonly gatewayId: string,
  ) {}

  send(message: ClusterMessage): void {
    this.sent.push(message);
    this.hub.deliver(this.gatewayId, message);
  }

  receive(message: ClusterMessage): void {
    for (const listener of this.listeners) listener(message);
  }

  onMessage(listener: (message: ClusterMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async members(room: RoomId): Promise<MemberState[]> {
    return [...(this.hub.members.get(room)?.values() ?? [])];
  }

  async saveMember(room: RoomId, member: MemberState): Promise<void> {
    const members = this.hub.members.get(room) ?? new Map<ParticipantId, MemberState>();
    members.set(member.info.id, JSON.parse(JSON.stringify(member)) as MemberState);
    this.hub.members.set(room, members);
  }

  async forgetMember(room: RoomId, participantId: ParticipantId): Promise<void> {
    this.hub.members.get(room)?.delete(participantId);
  }

  async settings(room: RoomId): Promise<SharedSettings | null> {
    return this.hub.settings.get(room) ?? null;
  }

  async saveSettings(room: RoomId, settings: SharedSettings | null): Promise<void> {
    if (settings === null) this.hub.settings.delete(room);
    else this.hub.settings.set(room, settings);
  }

  async liveGateways(): Promise<ReadonlySet<string>> {
    return new Set(this.hub.live);
  }

  async spendOnce(key: string): Promise<boolean> {
    if (this.hub.spent.has(key)) return false;
    this.hub.spent.add(key);
    return true;
  }
}
