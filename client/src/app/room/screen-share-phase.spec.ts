import { phaseOf, transition, type ScreenShareEvent, type ScreenShareState, type ScreenShareTransition } from './screen-share-phase';

const STATES: readonly ScreenShareState[] = ['idle', 'starting', 'starting_then_stop', 'sharing', 'stopping', 'closed'];
const EVENTS: readonly ScreenShareEvent[] = [
  'start',
  'stop',
  'picked',
  'cancelled',
  'capture_failed',
  'published',
  'refused',
  'unpublished',
  'lost',
  'destroy',
];

/** The expected table, written out independently of the implementation. `-` means "no change". */
const EXPECTED: Record<ScreenShareState, Record<ScreenShareEvent, string>> = {
  idle: {
    start: 'starting+clear_notice+open_picker',
    stop: '-',
    picked: 'idle+discard',
    cancelled: '-',
    capture_failed: '-',
    published: '-',
    refused: '-',
    unpublished: '-',
    lost: '-',
    destroy: 'closed+release',
  },
  starting: {
    start: '-',
    stop: 'starting_then_stop',
    picked: 'starting+publish',
    cancelled: 'idle',
    capture_failed: 'idle+notice',
    published: 'sharing',
    refused: 'idle+release+notice',
    unpublished: '-',
    lost: 'idle+release+notice',
    destroy: 'closed+release',
  },
  starting_then_stop: {
    start: '-',
    stop: '-',
    picked: 'starting_then_stop+publish',
    cancelled: 'idle',
    capture_failed: 'idle+notice',
    published: 'stopping+unpublish',
    refused: 'idle+release+notice',
    unpublished: '-',
    lost: 'idle+release+notice',
    destroy: 'closed+release',
  },
  sharing: {
    start: '-',
    stop: 'stopping+unpublish',
    picked: 'sharing+discard',
    cancelled: '-',
    capture_failed: '-',
    published: '-',
    refused: '-',
    unpublished: '-',
    lost: 'idle+release+notice',
    destroy: 'closed+release',
  },
  stopping: {
    start: '-',
    stop: '-',
    picked: 'stopping+discard',
    cancelled: '-',
    capture_failed: '-',
    published: '-',
    refused: '-',
    unpublished: 'idle+release',
    lost: 'idle+release+notice',
    destroy: 'closed+release',
  },
  closed: {
    start: '-',
    stop: '-',
    picked: 'closed+discard',
    cancelled: '-',
    capture_failed: '-',
    published: '-',
    refused: '-',
    unpublished: '-',
    lost: '-',
    destroy: '-',
  },
};

function render(from: ScreenShareState, t: ScreenShareTransition): string {
  if (t.next === from && t.effects.length === 0) return '-';
  return [t.next, ...t.effects].join('+');
}

describe('screen share transitions', () => {
  for (const state of STATES) {
    for (const event of EVENTS) {
      it(`from ${state} on ${event} goes to ${EXPECTED[state][event]}`, () => {
        expect(render(state, transition(state, event))).toBe(EXPECTED[state][event]);
      });
    }
  }

  it('shows a stop waiting for the start as starting, and a closed share as idle', () => {
    expect(STATES.map(phaseOf)).toEqual(['idle', 'starting', 'starting', 'sharing', 'stopping', 'idle']);
  });
});
