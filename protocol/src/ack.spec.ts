import { ERROR_CODES, fail, ok } from './errors';

describe('Ack helpers', () => {
  it('wraps data in a successful ack', () => {
    expect(ok({ n: 1 })).toEqual({ ok: true, data: { n: 1 } });
  });

  it('wraps a code and message in a failed ack', () => {
    expect(fail('room.full', 'Full')).toEqual({ ok: false, error: { code: 'room.full', message: 'Full' } });
  });

  it('keeps every error code unique', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
