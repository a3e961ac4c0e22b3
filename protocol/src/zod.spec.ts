import { z } from './zod';
import { requestSchemas } from './events';

describe('the protocol’s zod', () => {
  it('builds its schemas without eval, as the no-eval Content-Security-Policy of the client demands', () => {
    expect(z.config().jitless).toBeTrue();
  });

  it('still validates payloads', () => {
    expect(requestSchemas['room.join'].safeParse({ room: 'abc', name: 'Ada' }).success).toBeTrue();
    expect(requestSchemas['room.join'].safeParse({ room: 'abc', name: 'Ada', extra: 1 }).success).toBeFalse();
  });
});
