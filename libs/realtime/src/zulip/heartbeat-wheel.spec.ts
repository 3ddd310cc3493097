import { HeartbeatWheel } from './heartbeat-wheel';

class Due {
  dueTick = 0;
  beats = 0;
  heartbeat(): void {
    this.beats++;
  }
}

describe('HeartbeatWheel', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('beats each entry once, at its deadline and at most a tick after, with one timer per bucket', () => {
    const wheel = new HeartbeatWheel<Due>();
    const [a, b, c] = [new Due(), new Due(), new Due()];
    wheel.add(a, 1000);
    wheel.add(b, 1000);
    wheel.add(c, 2000);
    expect(jest.getTimerCount()).toBe(2);
    jest.advanceTimersByTime(999);
    expect(a.beats + b.beats).toBe(0);
    jest.advanceTimersByTime(101);
    expect([a.beats, b.beats, c.beats]).toEqual([1, 1, 0]);
    jest.advanceTimersByTime(1100);
    expect([a.beats, b.beats, c.beats]).toEqual([1, 1, 1]);
    expect(wheel.all()).toEqual([]);
  });

  it('forgets a removed entry, and clears a bucket’s timer when its last entry leaves', () => {
    const wheel = new HeartbeatWheel<Due>();
    const [a, b] = [new Due(), new Due()];
    wheel.add(a, 1000);
    wheel.add(b, 1000);
    wheel.remove(a);
    expect(wheel.all()).toEqual([b]);
    wheel.remove(b);
    wheel.remove(b);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(5000);
    expect(a.beats + b.beats).toBe(0);
  });
});
