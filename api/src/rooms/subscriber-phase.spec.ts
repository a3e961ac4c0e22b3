import { awaitsAnswer, subscriberTransition, type SubscriberEffect, type SubscriberPhase, type SubscriberSignal } from './subscriber-phase';

const PHASES: readonly SubscriberPhase[] = ['idle', 'offering', 'offering-stale', 'closed'];
const SIGNALS: readonly SubscriberSignal[] = ['sync', 'firstOffer', 'due', 'offered', 'answered', 'close'];

/** The whole table, written out: a changed edge fails here by name. */
const EXPECTED: Record<SubscriberPhase, Record<SubscriberSignal, [SubscriberPhase, ...SubscriberEffect[]]>> = {
  idle: {
    sync: ['idle', 'applyChanges'],
    firstOffer: ['idle', 'applyChanges'],
    due: ['idle', 'update'],
    offered: ['offering', 'deliver'],
    answered: ['idle'],
    close: ['closed', 'detach'],
  },
  offering: {
    sync: ['offering-stale'],
    firstOffer: ['offering'],
    due: ['offering-stale'],
    offered: ['offering'],
    answered: ['idle'],
    close: ['closed', 'detach'],
  },
  'offering-stale': {
    sync: ['offering-stale'],
    firstOffer: ['offering-stale'],
    due: ['offering-stale'],
    offered: ['offering-stale'],
    answered: ['idle', 'applyChanges'],
    close: ['closed', 'detach'],
  },
  closed: {
    sync: ['closed'],
    firstOffer: ['closed'],
    due: ['closed'],
    offered: ['closed'],
    answered: ['closed'],
    close: ['closed'],
  },
};

describe('subscriber phase', () => {
  for (const phase of PHASES) {
    for (const signal of SIGNALS) {
      const [next, ...effects] = EXPECTED[phase][signal];
      it(`goes from ${phase} on ${signal} to ${next}${effects.length > 0 ? ` (${effects.join(', ')})` : ''}`, () => {
        expect(subscriberTransition(phase, signal)).toEqual({ next, effects });
      });
    }
  }

  it('awaits an answer only while an offer is out', () => {
    expect(PHASES.filter(awaitsAnswer)).toEqual(['offering', 'offering-stale']);
  });

  it('makes one offer for any number of changes while one is out, once it is answered', () => {
    let phase: SubscriberPhase = 'idle';
    const effects: SubscriberEffect[] = [];
    for (const signal of ['sync', 'due', 'offered', 'sync', 'due', 'sync', 'answered'] as const) {
      const step = subscriberTransition(phase, signal);
      phase = step.next;
      effects.push(...step.effects);
    }
    expect(phase).toBe('idle');
    expect(effects).toEqual(['applyChanges', 'update', 'deliver', 'applyChanges']);
  });
});
