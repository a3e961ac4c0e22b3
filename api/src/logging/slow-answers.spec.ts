import type { RequestOutcome } from '../realtime/request-handler';
import { SLOW_ANSWER_MS, SLOW_ANSWER_WINDOW_MS, SlowAnswers, type SlowAnswerReport } from './slow-answers';

const outcome = (durationMs: number, code: RequestOutcome['code'] = null): RequestOutcome => ({ event: 'chat.send', code, durationMs });

describe('SlowAnswers', () => {
  let lines: SlowAnswerReport[];
  let slow: SlowAnswers;

  beforeEach(() => {
    jasmine.clock().install();
    lines = [];
    slow = new SlowAnswers((line) => lines.push(line));
  });

  afterEach(() => {
    slow.close();
    jasmine.clock().uninstall();
  });

  it('ignores answers faster than the threshold', () => {
    slow.heard(outcome(SLOW_ANSWER_MS - 1));
    expect(lines).toEqual([]);
  });

  it('reports the first slow answer at once, with its outcome', () => {
    slow.heard(outcome(SLOW_ANSWER_MS + 0.04, 'rate_limited'));
    expect(lines).toEqual([{ msg: 'Slow answer', outcome: 'rate_limited', durationMs: SLOW_ANSWER_MS }]);
  });

  it('counts the slow answers of the next second and reports them as one line with the slowest', () => {
    slow.heard(outcome(2_500));
    slow.heard(outcome(3_000));
    slow.heard(outcome(4_000));
    slow.heard(outcome(2_100));
    expect(lines.length).toBe(1);
    jasmine.clock().tick(SLOW_ANSWER_WINDOW_MS);
    expect(lines[1]).toEqual({ msg: 'More slow answers', count: 3, slowestMs: 4_000, withinMs: SLOW_ANSWER_WINDOW_MS });
  });

  it('reports a slow answer after a quiet window at once again', () => {
    slow.heard(outcome(2_500));
    jasmine.clock().tick(SLOW_ANSWER_WINDOW_MS);
    slow.heard(outcome(2_600));
    expect(lines.map((line) => line.msg)).toEqual(['Slow answer', 'Slow answer']);
  });

  it('reports what it counted when closed, once', () => {
    slow.heard(outcome(2_500));
    slow.heard(outcome(2_600));
    slow.close();
    slow.close();
    expect(lines.map((line) => line.msg)).toEqual(['Slow answer', 'More slow answers']);
  });
});
