import { requestSchemas } from './events';

describe('request schemas', () => {
  it('accepts a minimal room.join', () => {
    expect(requestSchemas['room.join'].safeParse({ room: 'abc', name: 'Ada' }).success).toBeTrue();
  });

  it('trims the display name', () => {
    const parsed = requestSchemas['room.join'].parse({ room: 'abc', name: '  Ada  ' });
    expect(parsed.name).toBe('Ada');
  });

  it('refuses room.join with unknown fields', () => {
    expect(requestSchemas['room.join'].safeParse({ room: 'abc', name: 'Ada', admin: true }).success).toBeFalse();
  });

  it('refuses a name made only of spaces', () => {
    expect(requestSchemas['room.join'].safeParse({ room: 'abc', name: '   ' }).success).toBeFalse();
  });

  it('refuses media.publish whose sdp is an answer', () => {
    const payload = { offer: { type: 'answer', sdp: 'v=0' }, tracks: [{ mid: '0', source: 'camera' }] };
    expect(requestSchemas['media.publish'].safeParse(payload).success).toBeFalse();
  });

  it('refuses media.publish with an unknown media source', () => {
    const payload = { offer: { type: 'offer', sdp: 'v=0' }, tracks: [{ mid: '0', source: 'hologram' }] };
    expect(requestSchemas['media.publish'].safeParse(payload).success).toBeFalse();
  });

  it('accepts media.publish with a simulcast rid order', () => {
    const payload = { offer: { type: 'offer', sdp: 'v=0' }, tracks: [{ mid: '1', source: 'camera' }], ridOrder: 'lmh' };
    expect(requestSchemas['media.publish'].safeParse(payload).success).toBeTrue();
  });

  it('refuses media.publish with a rid order Janus does not know', () => {
    const payload = { offer: { type: 'offer', sdp: 'v=0' }, tracks: [{ mid: '1', source: 'camera' }], ridOrder: 'mlh' };
    expect(requestSchemas['media.publish'].safeParse(payload).success).toBeFalse();
  });

  it('accepts the end-of-candidates trickle', () => {
    expect(requestSchemas['media.trickle'].safeParse({ pc: 'subscriber', candidate: null }).success).toBeTrue();
  });

  it('refuses a media.answer without a sequence number', () => {
    expect(requestSchemas['media.answer'].safeParse({ answer: { type: 'answer', sdp: 'v=0' } }).success).toBeFalse();
  });
});
