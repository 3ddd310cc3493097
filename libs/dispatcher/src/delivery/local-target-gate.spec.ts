import { LocalTargetGate } from './local-target-gate';

describe('LocalTargetGate', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('admits up to the limit per target at once, each target on its own', async () => {
    const gate = new LocalTargetGate(2);
    const a1 = await gate.acquire('a:80', 0);
    const a2 = await gate.acquire('a:80', 0);
    const b1 = await gate.acquire('b:80', 0);
    expect([a1, a2, b1].every((release) => typeof release === 'function')).toBe(true);
    expect(gate.inUse('a:80')).toBe(2);
    expect(gate.inUse('b:80')).toBe(1);
  });

  it('hands a freed slot to the longest waiting job, first come first served', async () => {
    const gate = new LocalTargetGate(1);
    const first = (await gate.acquire('t', 100))!;
    const order: string[] = [];
    const second = gate.acquire('t', 100).then((release) => (order.push('second'), release));
    const third = gate.acquire('t', 100).then((release) => (order.push('third'), release));
    first();
    (await second)!();
    (await third)!();
    expect(order).toEqual(['second', 'third']);
    expect(gate.inUse('t')).toBe(0);
  });

  it('gives up after the wait, so a slow target cannot hold the job', async () => {
    const gate = new LocalTargetGate(1);
    await gate.acquire('slow', 0);
    const waited = gate.acquire('slow', 50);
    await jest.advanceTimersByTimeAsync(50);
    await expect(waited).resolves.toBeNull();
    expect(gate.inUse('slow')).toBe(1);
  });

  it('a release called twice frees one slot only', async () => {
    const gate = new LocalTargetGate(2);
    const release = (await gate.acquire('t', 0))!;
    await gate.acquire('t', 0);
    release();
    release();
    expect(gate.inUse('t')).toBe(1);
  });
});
