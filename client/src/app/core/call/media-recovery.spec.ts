import { MEDIA_RECOVERY_TRIES, MediaRecovery } from './media-recovery';

describe('MediaRecovery', () => {
  it('recovers when either connection fails, and not while they connect, disconnect for a moment or run', () => {
    const recovery = new MediaRecovery();
    expect(recovery.shouldRecover('connecting', undefined)).toBeFalse();
    expect(recovery.shouldRecover('connected', 'connected')).toBeFalse();
    expect(recovery.shouldRecover('disconnected', 'connected')).toBeFalse();
    expect(recovery.shouldRecover('connected', 'failed')).toBeTrue();
    expect(new MediaRecovery().shouldRecover('failed', undefined)).withContext('a viewer-less publisher alone').toBeTrue();
  });

  it(`gives up after ${MEDIA_RECOVERY_TRIES} tries that do not bring both connections back`, () => {
    const recovery = new MediaRecovery();
    const outcomes = Array.from({ length: MEDIA_RECOVERY_TRIES + 2 }, () => recovery.shouldRecover('failed', 'new'));
    expect(outcomes).toEqual([...Array<boolean>(MEDIA_RECOVERY_TRIES).fill(true), false, false]);
  });

  it('starts counting again once both connections are up, or on reset', () => {
    const recovery = new MediaRecovery();
    for (let i = 0; i < MEDIA_RECOVERY_TRIES; i++) recovery.shouldRecover('failed', 'failed');
    expect(recovery.shouldRecover('connecting', 'failed')).toBeFalse();
    recovery.shouldRecover('connected', 'connected');
    expect(recovery.shouldRecover('failed', 'connected')).toBeTrue();

    for (let i = 0; i < MEDIA_RECOVERY_TRIES; i++) recovery.shouldRecover('failed', 'failed');
    recovery.reset();
    expect(recovery.shouldRecover('failed', 'failed')).toBeTrue();
  });

  it('counts a recovery from another cause against the same tries', () => {
    const recovery = new MediaRecovery();
    const outcomes = Array.from({ length: MEDIA_RECOVERY_TRIES }, () => recovery.tryAgain());
    expect(outcomes).toEqual(Array<boolean>(MEDIA_RECOVERY_TRIES).fill(true));
    expect(recovery.shouldRecover('failed', 'connected')).toBeFalse();
  });
});
