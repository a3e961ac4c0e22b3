import type { ClusterAdapter } from 'socket.io-adapter';
import { deliverLocallyFirst } from './local-first-broadcast';

/** What a cluster adapter was asked to do, in order. */
type Step = { readonly kind: 'broadcast'; readonly local: boolean } | { readonly kind: 'publish'; readonly message: unknown };

/** A stand-in for the Redis Streams adapter: its `broadcast` publishes unless `local`, as socket.io-adapter's does. */
function fakeAdapter(steps: Step[]): ClusterAdapter {
  const adapter = {
    broadcast(_packet: unknown, opts: { flags?: { local?: boolean } }): Promise<void> {
      steps.push({ kind: 'broadcast', local: opts.flags?.local === true });
      return Promise.resolve();
    },
    publish(message: unknown): void {
      steps.push({ kind: 'publish', message });
    },
  };
  return adapter as unknown as ClusterAdapter;
}

describe('deliverLocallyFirst', () => {
  const packet = { type: 2, data: ['chat.message', { id: 1 }] };

  it("writes to this gateway's sockets before publishing the broadcast for the others", () => {
    const steps: Step[] = [];
    void deliverLocallyFirst(fakeAdapter(steps)).broadcast(packet, { rooms: new Set(['room:a']), except: new Set(['participant:p']), flags: {} });
    expect(steps).toEqual([
      { kind: 'broadcast', local: true },
      { kind: 'publish', message: { type: 3, data: { packet, opts: { rooms: ['room:a'], except: ['participant:p'], flags: {} } } } },
    ]);
  });

  it('publishes nothing for a broadcast meant for this gateway only', () => {
    const steps: Step[] = [];
    void deliverLocallyFirst(fakeAdapter(steps)).broadcast(packet, { rooms: new Set(['room:a']), flags: { local: true } });
    expect(steps).toEqual([{ kind: 'broadcast', local: true }]);
  });
});
