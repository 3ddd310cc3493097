import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it.each([
    ['a burst up to capacity passes', 5, 1, [0, 0, 0, 0, 0], [true, true, true, true, true]],
    ['the next one in the same instant is refused', 5, 1, [0, 0, 0, 0, 0, 0], [true, true, true, true, true, false]],
    ['one per second sustained passes', 1, 1, [0, 1000, 2000, 3000], [true, true, true, true]],
    ['faster than the refill rate is refused', 1, 1, [0, 500, 1000, 1400, 2000], [true, false, true, false, true]],
    ['refill never exceeds capacity', 2, 1, [0, 0, 60000, 60000, 60000], [true, true, true, true, false]],
    ['fractional refill accumulates', 1, 2, [0, 250, 500], [true, false, true]],
  ])('%s', (_label, capacity, perSecond, times, expected) => {
    const bucket = new TokenBucket(capacity, perSecond, 0);
    expect(times.map((t) => bucket.take(t))).toEqual(expected);
  });
});
