import { type LeaseRelease, type SharedSemaphore, TargetSlots } from './target-slots';

/** The shared semaphore as Redis keeps it: leases per target, at most `limit` at once. */
class FakeShared implements SharedSemaphore {
  readonly leases = new Map<string, number>();
  acquired = 0;
  released = 0;
  constructor(private readonly limit: number) {}
  async tryAcquire(target: string): Promise<LeaseRelease | null> {
    const held = this.leases.get(target) ?? 0;
    if (held >= this.limit) return null;
    this.leases.set(target, held + 1);
    this.acquired++;
    return async () => {
      this.leases.set(target, (this.leases.get(target) ?? 1) - 1);
      this.released++;
    };
  }
}

describe('TargetSlots', () => {
  let now = 0;
  beforeEach(() => {
    jest.useFakeTimers();
    now = 1_000_000;
  });
  afterEach(() => jest.useRealTimers());
  const slots = (
    shared: SharedSemaphore,
    over: Partial<{ perTarget: number; maxWaitMs: number; handoffMs: number; idleMs: number }> = {},
  ) => new TargetSlots(shared, { perTarget: 2, maxWaitMs: 100, handoffMs: 1000, idleMs: 0, ...over }, () => now);
  /** Target t's leases: taken from and given back to the shared semaphore, held here, and counted there. */
  const countsOf = (shared: FakeShared, gate: TargetSlots) => ({
    acquired: shared.acquired,
    released: shared.released,
    held: gate.inUse('t'),
    leases: shared.leases.get('t'),
  });

  it('takes a shared lease per request up to the limit, each target on its own', async () => {
    const shared = new FakeShared(2);
    const gate = slots(shared);
    const taken = await Promise.all([gate.acquire('a'), gate.acquire('a'), gate.acquire('b')]);
    expect(taken.every((release) => typeof release === 'function')).toBe(true);
    expect([gate.inUse('a'), gate.inUse('b'), shared.leases.get('a'), shared.leases.get('b')]).toEqual([2, 1, 2, 1]);
  });

  it('hands a lease to the next waiting request instead of giving it back, first come first served', async () => {
    const shared = new FakeShared(1);
    const gate = slots(shared, { perTarget: 1 });
    const first = (await gate.acquire('t'))!;
    const order: string[] = [];
    const second = gate.acquire('t').then((release) => (order.push('second'), release));
    const third = gate.acquire('t').then((release) => (order.push('third'), release));
    first();
    (await second)!();
    (await third)!();
    expect(order).toEqual(['second', 'third']);
    expect(countsOf(shared, gate)).toEqual({ acquired: 1, released: 1, held: 0, leases: 0 });
  });

  it('gives an old lease back and lets the waiter take a fresh one, so other workers get their turn', async () => {
    const shared = new FakeShared(1);
    const gate = slots(shared, { perTarget: 1, handoffMs: 1000 });
    const first = (await gate.acquire('t'))!;
    const second = gate.acquire('t');
    now += 1000;
    first();
    (await second)!();
    expect({ acquired: shared.acquired, released: shared.released }).toEqual({ acquired: 2, released: 2 });
  });

  it('steps aside after the wait when its own requests keep the target busy', async () => {
    const gate = slots(new FakeShared(5), { perTarget: 1 });
    await gate.acquire('slow');
    const waited = gate.acquire('slow');
    await jest.advanceTimersByTimeAsync(100);
    now += 100;
    await expect(waited).resolves.toBeNull();
    expect(gate.inUse('slow')).toBe(1);
  });

  it('steps aside after the wait when other workers hold every shared lease, keeping no slot', async () => {
    const shared = new FakeShared(1);
    await shared.tryAcquire('t'); // another worker
    const gate = slots(shared);
    const attempt = gate.acquire('t');
    for (let i = 0; i < 30; i++) {
      now += 5;
      await jest.advanceTimersByTimeAsync(5);
    }
    await expect(attempt).resolves.toBeNull();
    expect(gate.inUse('t')).toBe(0);
  });

  it('never holds more shared leases than the limit, however many requests race', async () => {
    const shared = new FakeShared(3);
    const gate = slots(shared, { perTarget: 3 });
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await gate.acquire('t');
        if (!release) return;
        inFlight++;
        most = Math.max(most, inFlight, shared.leases.get('t') ?? 0);
        await Promise.resolve();
        inFlight--;
        release();
      }),
    );
    expect(most).toBeLessThanOrEqual(3);
    expect(shared.leases.get('t')).toBe(0);
    expect(gate.inUse('t')).toBe(0);
  });

  describe('with an idle lease', () => {
    it("keeps a lease nobody waits for, for the target's next request, and gives it back after idleMs", async () => {
      const shared = new FakeShared(2);
      const gate = slots(shared, { idleMs: 20 });
      for (let i = 0; i < 5; i++) {
        (await gate.acquire('t'))!();
        now += 2;
      }
      expect(countsOf(shared, gate)).toMatchObject({ acquired: 1, released: 0, held: 1 });
      now += 20;
      await jest.advanceTimersByTimeAsync(20);
      expect(countsOf(shared, gate)).toMatchObject({ released: 1, held: 0, leases: 0 });
    });

    it('never holds more than perTarget leases, parked ones included', async () => {
      const shared = new FakeShared(5);
      const gate = slots(shared, { perTarget: 2, idleMs: 20 });
      const [a, b] = [(await gate.acquire('t'))!, (await gate.acquire('t'))!];
      a();
      b();
      const taken = await Promise.all([gate.acquire('t'), gate.acquire('t')]);
      expect(taken.every((release) => typeof release === 'function')).toBe(true);
      expect(countsOf(shared, gate)).toMatchObject({ acquired: 2, held: 2, leases: 2 });
    });

    it('gives back a parked lease older than handoffMs and takes a fresh one', async () => {
      const shared = new FakeShared(1);
      const gate = slots(shared, { perTarget: 1, handoffMs: 50, idleMs: 1000 });
      (await gate.acquire('t'))!();
      now += 50;
      const again = await gate.acquire('t');
      expect(typeof again).toBe('function');
      expect(countsOf(shared, gate)).toMatchObject({ acquired: 2, released: 1, held: 1 });
    });

    it('gives parked leases back on close', async () => {
      const shared = new FakeShared(2);
      const gate = slots(shared, { idleMs: 1000 });
      (await gate.acquire('a'))!();
      (await gate.acquire('b'))!();
      gate.close();
      await Promise.resolve();
      expect({ released: shared.released, a: gate.inUse('a'), b: gate.inUse('b') }).toEqual({
        released: 2,
        a: 0,
        b: 0,
      });
    });
  });
});
