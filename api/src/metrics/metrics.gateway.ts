import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import type { ParleySocket } from '../realtime/parley-socket';
import { MetricsService } from './metrics.service';

/**
 * Counts Socket.IO connections and what is pushed down them. It shares the
 * realtime gateway's server and handles no event: connections refused by
 * the protocol-version check never get here, so only real clients count.
 */
@WebSocketGateway()
export class MetricsGateway implements OnGatewayConnection<ParleySocket>, OnGatewayDisconnect<ParleySocket> {
  constructor(private readonly metrics: MetricsService) {}

  handleConnection(socket: ParleySocket): void {
    this.metrics.socketsChanged(1);
    socket.onAnyOutgoing((event: string) => this.metrics.pushed(event));
  }

  handleDisconnect(): void {
    this.metrics.socketsChanged(-1);
  }
}
