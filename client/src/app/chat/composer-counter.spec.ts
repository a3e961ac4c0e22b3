import { CHAT_MAX_LENGTH } from '@parley/protocol';
import { COUNTER_FROM, measureDraft } from './composer-counter';

describe('measureDraft', () => {
  it('hides the counter well below the limit', () => {
    expect(measureDraft('hello').visible).toBeFalse();
  });

  it('shows the characters left from the threshold on', () => {
    const draft = measureDraft('x'.repeat(COUNTER_FROM));
    expect(draft.visible).toBeTrue();
    expect(draft.label).toBe(`${CHAT_MAX_LENGTH - COUNTER_FROM} characters left`);
  });

  it('is not over at exactly the limit', () => {
    const draft = measureDraft('x'.repeat(CHAT_MAX_LENGTH));
    expect(draft.over).toBeFalse();
    expect(draft.label).toBe('0 characters left');
  });

  it('says how many are too many past the limit', () => {
    const draft = measureDraft('x'.repeat(CHAT_MAX_LENGTH + 1));
    expect(draft.over).toBeTrue();
    expect(draft.label).toBe('1 character too many');
  });

  it('counts as the gateway does: trimmed, CRLF folded, control characters dropped', () => {
    expect(measureDraft('  a\r\nb\u0007  ').length).toBe(3);
    expect(measureDraft(' '.repeat(50) + 'x'.repeat(CHAT_MAX_LENGTH)).over).toBeFalse();
  });
});
