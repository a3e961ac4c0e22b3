import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import { onRequestOutcome, type RequestOutcome } from '../realtime/request-handler';
import { RoomsService } from '../rooms/rooms.service';
import type { Sfu } from '../rooms/sfu';
import { SFU } from '../rooms/sfu.token';

/**
 * Parley's Prometheus metrics, collected by observing what the domains
 * already announce (room events, request outcomes, the SFU connection,
 * Socket.IO traffic) rather than by calls sprinkled through them. One
 * registry per gateway instance, so two apps in one test process do not mix.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnApplicationShutdown {
  readonly registry = new Registry();

  private readonly participants = new Gauge({
    name: 'parley_participants',
    help: 'Participants in live rooms (including those held for resumption after a drop)',
    registers: [this.registry],
  });
  private readonly joins = new Counter({
    name: 'parley_joins_total',
    help: 'Participants who joined a room (resumptions of the same identity not counted)',
    registers: [this.registry],
  });
  private readonly leaves = new Counter({
    name: 'parley_leaves_total',
    help: 'Participants who left a room, for any reason',
    registers: [this.registry],
  });
  private readonly joinFailures = new Counter({
    name: 'parley_join_failures_total',
    help: 'room.join requests answered with an error, by error code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly requests = new Counter({
    name: 'parley_requests_total',
    help: 'Client requests answered, by event and outcome (ok or the error code)',
    labelNames: ['event', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly sockets = new Gauge({
    name: 'parley_socketio_connections',
    help: 'Open Socket.IO connections',
    registers: [this.registry],
  });
  private readonly pushes = new Counter({
    name: 'parley_pushes_total',
    help: 'Server-to-client pushes sent, by event',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  /** Labelled children looked up once per label set: `pushed` runs once per recipient of every push, `countRequest` once per request. */
  private readonly pushesByEvent = new Map<string, Counter.Internal>();
  private readonly requestsByOutcome = new Map<string, Counter.Internal>();
  private readonly renegotiations = new Counter({
    name: 'parley_subscriber_renegotiations_total',
    help: 'Subscriber offers pushed to clients (media.offer; the first comes in the join reply): each is one renegotiation of a subscriber connection',
    registers: [this.registry],
  });
  private readonly janusLosses = new Counter({
    name: 'parley_janus_disconnects_total',
    help: 'Times the connection to a Janus instance was lost, by instance (its URL)',
    labelNames: ['instance'] as const,
    registers: [this.registry],
  });

  private subscription: Subscription | undefined;
  private readonly stops: Array<() => void> = [];

  constructor(
    private readonly rooms: RoomsService,
    @Inject(SFU) private readonly sfu: Sfu,
  ) {
    const { rooms: roomsService, sfu: janus } = this;
    new Gauge({
      name: 'parley_rooms',
      help: 'Live rooms (with an SFU room)',
      registers: [this.registry],
      collect() {
        this.set(roomsService.roomCount);
      },
    });
    new Gauge({
      name: 'parley_janus_up',
      help: '1 while the gateway is connected to the Janus instance (its URL), 0 otherwise',
      labelNames: ['instance'] as const,
      registers: [this.registry],
      collect() {
        for (const instance of janus.instances) this.set({ instance: instance.name }, instance.healthy ? 1 : 0);
      },
    });
    new Gauge({
      name: 'parley_janus_rooms',
      help: 'Janus rooms the gateway holds on the Janus instance (its URL)',
      labelNames: ['instance'] as const,
      registers: [this.registry],
      collect() {
        for (const instance of janus.instances) this.set({ instance: instance.name }, instance.roomCount);
      },
    });
    // Process CPU, memory, handles, GC, and event-loop lag (nodejs_eventloop_lag_seconds and its percentiles).
    collectDefaultMetrics({ register: this.registry });
  }

  onModuleInit(): void {
    if (this.subscription !== undefined) return;
    this.subscription = this.rooms.events.subscribe((event) => {
      if (event.type === 'joined') {
        this.joins.inc();
        this.participants.inc();
      } else if (event.type === 'left') {
        this.leaves.inc();
        this.participants.dec();
      }
    });
    this.stops.push(
      ...this.sfu.instances.map((instance) =>
        instance.onConnectionChange((up) => {
          if (!up) this.janusLosses.inc({ instance: instance.name });
        }),
      ),
      onRequestOutcome((outcome) => this.countRequest(outcome)),
    );
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
    for (const stop of this.stops.splice(0)) stop();
  }

  /** A Socket.IO connection opened (`+1`) or closed (`-1`). */
  socketsChanged(delta: 1 | -1): void {
    this.sockets.inc(delta);
  }

  /** An event the gateway pushed to a client. */
  pushed(event: string): void {
    let child = this.pushesByEvent.get(event);
    if (child === undefined) {
      child = this.pushes.labels({ event });
      this.pushesByEvent.set(event, child);
    }
    child.inc();
    if (event === 'media.offer') this.renegotiations.inc();
  }

  /** The registry in Prometheus's text exposition format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private countRequest({ event, code }: RequestOutcome): void {
    const outcome = code ?? 'ok';
    const key = `${event} ${outcome}`;
    let child = this.requestsByOutcome.get(key);
    if (child === undefined) {
      child = this.requests.labels({ event, outcome });
      this.requestsByOutcome.set(key, child);
    }
    child.inc();
    if (event === 'room.join' && code !== null) this.joinFailures.inc({ code });
  }
}
