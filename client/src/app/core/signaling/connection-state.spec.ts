import { transition, type ConnectionEvent, type ConnectionState, type Transition } from './connection-state';

const STATES: readonly ConnectionState[] = ['idle', 'connecting', 'connected', 'reconnecting', 'failed', 'closed'];
const EVENTS: readonly ConnectionEvent[] = ['open', 'connected', 'retrying', 'refused', 'lost', 'kicked', 'gave_up', 'close'];

/** The expected table, written out independently of the implementation. `-` means "no change". */
const EXPECTED: Record<ConnectionState, Record<ConnectionEvent, string>> = {
  idle: { open: 'connecting', connected: '-', retrying: '-', refused: '-', lost: '-', kicked: '-', gave_up: '-', close: 'closed' },
  connecting: {
    open: '-',
    connected: 'connected',
    retrying: '-',
    refused: 'failed+dispose',
    lost: '-',
    kicked: '-',
    gave_up: 'failed+dispose',
    close: 'closed+dispose',
  },
  connected: {
    open: '-',
    connected: '-',
    retrying: '-',
    refused: '-',
    lost: 'reconnecting',
    kicked: 'failed+dispose',
    gave_up: '-',
    close: 'closed+dispose',
  },
  reconnecting: {
    open: '-',
    connected: 'connected+resume',
    retrying: '-',
    refused: 'failed+dispose',
    lost: '-',
    kicked: '-',
    gave_up: 'failed+dispose',
    close: 'closed+dispose',
  },
  failed: { open: 'connecting', connected: '-', retrying: '-', refused: '-', lost: '-', kicked: '-', gave_up: '-', close: 'closed' },
  closed: { open: 'connecting', connected: '-', retrying: '-', refused: '-', lost: '-', kicked: '-', gave_up: '-', close: '-' },
};

function render(from: ConnectionState, t: Transition): string {
  if (t.next === from && t.effects.length === 0) return '-';
  return [t.next, ...t.effects].join('+');
}

describe('connection state transitions', () => {
  for (const state of STATES) {
    for (const event of EVENTS) {
      it(`from ${state} on ${event} goes to ${EXPECTED[state][event]}`, () => {
        expect(render(state, transition(state, event))).toBe(EXPECTED[state][event]);
      });
    }
  }
});
