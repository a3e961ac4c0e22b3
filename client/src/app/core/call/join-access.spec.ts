import { SignalingError } from '../signaling/signaling-error';
import { JoinAccess } from './join-access';

describe('JoinAccess', () => {
  let access: JoinAccess;

  beforeEach(() => (access = new JoinAccess()));

  it('offers nothing extra to a room that asked for nothing', () => {
    access.setPassword('typed early');
    expect(access.credentials()).toEqual({});
  });

  it('offers the typed password once the room asked for one', () => {
    access.refused(new SignalingError('auth.password_required', ''));
    access.setPassword('s3cret');
    expect(access.passwordAsked()).toBeTrue();
    expect(access.credentials()).toEqual({ password: 's3cret' });
  });

  it('sends no empty password, and says one is missing', () => {
    access.refused(new SignalingError('auth.password_required', ''));
    expect(access.credentials()).toEqual({});
    expect(access.passwordMissing()).toBeTrue();
    expect(access.passwordEmpty()).toBeTrue();
    access.setPassword('typed');
    expect(access.passwordEmpty()).toBeFalse();
  });

  it('keeps asking for the password after other refusals, and knows when it was wrong', () => {
    access.refused(new SignalingError('auth.bad_password', ''));
    expect(access.passwordWrong()).toBeTrue();
    access.refused(new SignalingError('rate_limited', ''));
    expect(access.passwordAsked()).toBeTrue();
    expect(access.passwordWrong()).toBeFalse();
    expect(access.rateLimited()).toBeTrue();
  });

  it('spends an admit token on the join it got in with', () => {
    access.admitWith('admit-1');
    expect(access.credentials()).toEqual({ admitToken: 'admit-1' });
    access.entered();
    expect(access.credentials()).toEqual({});
  });

  it('drops an admit token the gateway no longer takes', () => {
    access.admitWith('admit-1');
    access.refused(new SignalingError('auth.invalid_token', ''));
    expect(access.credentials()).toEqual({});
  });

  it('keeps an admit token through a failure that is not about it', () => {
    access.admitWith('admit-1');
    access.refused(new SignalingError('janus.unavailable', ''));
    expect(access.credentials()).toEqual({ admitToken: 'admit-1' });
  });
});
