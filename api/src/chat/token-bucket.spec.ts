import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst, then refuses', () => {
    const bucket = new TokenBucket(5, 10, () => 0);
    const allowed = Array.from({ length: 12 }, () => bucket.take()).filter(Boolean).length;
    expect(allowed).toBe(10);
  });

  it('refills at the given rate', () => {
    let now = 0;
    const bucket = new TokenBucket(5, 10, () => now);
    for (let i = 0; i < 10; i += 1) bucket.take();
    expect(bucket.take()).toBeFalse();
    now = 400; // 0.4 s at 5/s = 2 tokens
    expect(bucket.take()).toBeTrue();
    expect(bucket.take()).toBeTrue();
    expect(bucket.take()).toBeFalse();
  });

  it('never holds more than the burst', () => {
    let now = 0;
    const bucket = new TokenBucket(5, 3, () => now);
    now = 60_000;
    const allowed = Array.from({ length: 10 }, () => bucket.take()).filter(Boolean).length;
    expect(allowed).toBe(3);
  });
});
