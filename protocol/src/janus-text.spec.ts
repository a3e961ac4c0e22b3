import { isJanusSafe } from './janus-text';
import { requestSchemas } from './events';

describe('isJanusSafe', () => {
  it('accepts ordinary text, emoji (paired surrogates) and the empty string', () => {
    expect(isJanusSafe('Grace Hopper')).toBeTrue();
    expect(isJanusSafe('Zoë 李雷 👩‍👩‍👧‍👦')).toBeTrue();
    expect(isJanusSafe('')).toBeTrue();
  });

  it('refuses NUL', () => {
    expect(isJanusSafe('v=0\u0000')).toBeFalse();
  });

  it('refuses an unpaired high or low surrogate, wherever it is', () => {
    expect(isJanusSafe('\uD800')).toBeFalse();
    expect(isJanusSafe('a\uD83Db')).toBeFalse();
    expect(isJanusSafe('a\uDC00')).toBeFalse();
    expect(isJanusSafe('\uDE00\uD83D')).toBeFalse();
  });
});

describe('request schemas and what reaches Janus', () => {
  it('refuses a display name Janus could not read', () => {
    expect(requestSchemas['room.join'].safeParse({ room: 'abc', name: 'Ada\uD800' }).success).toBeFalse();
  });

  it('refuses an SDP or a mid Janus could not read', () => {
    const track = { mid: '0', source: 'camera' };
    expect(requestSchemas['media.publish'].safeParse({ offer: { type: 'offer', sdp: 'v=0\uDC00' }, tracks: [track] }).success).toBeFalse();
    expect(
      requestSchemas['media.publish'].safeParse({ offer: { type: 'offer', sdp: 'v=0' }, tracks: [{ ...track, mid: '\uD800' }] }).success,
    ).toBeFalse();
    expect(requestSchemas['media.answer'].safeParse({ seq: 1, answer: { type: 'answer', sdp: 'v=0\u0000' } }).success).toBeFalse();
  });

  it('refuses an ICE candidate Janus could not read, and still takes the end-of-candidates null', () => {
    const trickle = (candidate: unknown) => requestSchemas['media.trickle'].safeParse({ pc: 'publisher', candidate }).success;
    expect(trickle({ candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host\uD800' })).toBeFalse();
    expect(trickle({ candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: '\uDC00' })).toBeFalse();
    expect(trickle({ candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: '0' })).toBeTrue();
    expect(trickle(null)).toBeTrue();
  });
});
