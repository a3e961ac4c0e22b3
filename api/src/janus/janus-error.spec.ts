import { SfuError } from '../rooms/sfu-error';
import { JanusError, JanusErrorCode } from './janus-error';

describe('JanusError.from', () => {
  it('reads the Janus code and reason out of janode\'s "<code> <reason>" message', () => {
    const error = JanusError.from(new Error('428 No such feed (abc)'), 'join');

    expect(error.sfuCode).toBe(JanusErrorCode.NoSuchFeed);
    expect(error.message).toBe('Janus join failed: 428 No such feed (abc)');
  });

  it('is an SfuError, so the rooms domain can handle it without knowing Janus', () => {
    expect(JanusError.from(new Error('433 Unauthorized'), 'join')).toBeInstanceOf(SfuError);
  });

  it('keeps no code for janode transport and lifecycle failures', () => {
    const error = JanusError.from(new Error('connection closed'), 'publish');

    expect(error.sfuCode).toBeUndefined();
    expect(error.message).toBe('Janus publish failed: connection closed');
  });

  it('uses the _code janode attaches to VideoRoom errors when the message has none', () => {
    const failure = Object.assign(new Error('something odd'), { _code: 437 });

    expect(JanusError.from(failure, 'publish').sfuCode).toBe(JanusErrorCode.InvalidSdp);
  });

  it('describes non-Error rejections too', () => {
    expect(JanusError.from('boom', 'attach').message).toBe('Janus attach failed: boom');
  });

  it('returns a JanusError unchanged', () => {
    const original = new JanusError('Janus start failed: nothing to answer');

    expect(JanusError.from(original, 'other')).toBe(original);
  });

  it('tells which Janus code it carries', () => {
    const error = JanusError.from(new Error('427 Room exists'), 'create');

    expect(error.is(JanusErrorCode.RoomExists)).toBeTrue();
    expect(error.is(JanusErrorCode.NoSuchRoom)).toBeFalse();
  });

  it('maps a Janus refusal to media.failed and an unreachable Janus to janus.unavailable', () => {
    expect(JanusError.from(new Error('437 Bad SDP'), 'publish').code).toBe('media.failed');
    expect(JanusError.from(new Error('connection closed'), 'publish').code).toBe('janus.unavailable');
  });
});
