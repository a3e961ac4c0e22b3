import type { ClusterAdapter } from 'socket.io-adapter';

/** socket.io-adapter's `MessageType.BROADCAST` (its enum is not part of what Parley depends on directly). */
const BROADCAST = 3;

type BroadcastArgs = Parameters<ClusterAdapter['broadcast']>;

/** The adapter's protected `publish`, which Parley calls as the adapter itself would. */
interface Publishing {
  publish(message: { type: number; data: unknown }): void;
}

/**
 * Makes a cluster adapter (the Redis Streams one) deliver a broadcast to this
 * gateway's own sockets at once, and publish it for the other gateways
 * after. socket.io-adapter's `ClusterAdapter.broadcast` awaits the publish
 * (an XADD round trip to Redis) before it writes to a single local socket,
 * so every room-wide push waited on Redis even for the people on the
 * sending gateway; under load that round trip grows with Redis's own wait
 * for a core.
 *
 * Nothing else changes: the local part is the adapter's own broadcast with
 * the `local` flag (synchronous: the flag skips the publish), the remote
 * part the message it would have published, in the same order; every
 * gateway still ignores its own messages on the stream, so each socket gets
 * a push once. Broadcasts waiting for acknowledgements, and the
 * connection-state-recovery offsets (Parley enables neither), keep the
 * adapter's own path.
 */
export function deliverLocallyFirst<A extends ClusterAdapter>(adapter: A): A {
  const clusterBroadcast = adapter.broadcast.bind(adapter);
  const publishing = adapter as unknown as Publishing;
  adapter.broadcast = (packet: BroadcastArgs[0], opts: BroadcastArgs[1]): Promise<void> => {
    if (opts.flags?.local) return clusterBroadcast(packet, opts);
    const done = clusterBroadcast(packet, { ...opts, flags: { ...opts.flags, local: true } });
    publishing.publish({
      type: BROADCAST,
      data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } },
    });
    return done;
  };
  return adapter;
}
