import { OutcomeBatcher } from './outcome-batcher';

describe('OutcomeBatcher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const echo = () => {
    const calls: number[][] = [];
    const send = jest.fn(async (items: number[]) => {
      calls.push(items);
      return items.map((item) => item * 10);
    });
    return { calls, send };
  };

  it('sends what arrived within the wait in one call, each caller getting its own result', async () => {
    const { calls, send } = echo();
    const batcher = new OutcomeBatcher({ maxItems: 100, maxWaitMs: 5 }, send);
    const results = Promise.all([batcher.add(1), batcher.add(2), batcher.add(3)]);
    expect(send).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(5);
    await expect(results).resolves.toEqual([10, 20, 30]);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('sends at once when the batch is full, without waiting for the timer', async () => {
    const { calls, send } = echo();
    const batcher = new OutcomeBatcher({ maxItems: 2, maxWaitMs: 1000 }, send);
    const first = Promise.all([batcher.add(1), batcher.add(2)]);
    const third = batcher.add(3);
    await expect(first).resolves.toEqual([10, 20]);
    expect(calls).toEqual([[1, 2]]);
    await jest.advanceTimersByTimeAsync(1000);
    await expect(third).resolves.toBe(30);
    expect(calls).toEqual([[1, 2], [3]]);
  });

  it.each([
    ['the call fails', async () => Promise.reject(new Error('unavailable')), 'unavailable'],
    ['the call answers the wrong number of results', async () => [1], 'batch of 2 answered with 1 results'],
  ])('rejects every caller of the batch when %s', async (_label, send, message) => {
    const batcher = new OutcomeBatcher<number, number>({ maxItems: 10, maxWaitMs: 1 }, send);
    const settled = Promise.allSettled([batcher.add(1), batcher.add(2)]);
    await jest.advanceTimersByTimeAsync(1);
    const outcomes = await settled;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason.message)).toEqual([message, message]);
  });

  it('does not hold a batch back while the previous one is still being sent', async () => {
    let release: () => void = () => undefined;
    const calls: number[][] = [];
    const batcher = new OutcomeBatcher<number, number>({ maxItems: 1, maxWaitMs: 1 }, async (items) => {
      calls.push(items);
      if (items[0] === 1) await new Promise<void>((resolve) => (release = resolve));
      return items;
    });
    const first = batcher.add(1);
    await expect(batcher.add(2)).resolves.toBe(2);
    expect(calls).toEqual([[1], [2]]);
    release();
    await expect(first).resolves.toBe(1);
  });

  it('drain sends what waits and resolves when every batch has settled', async () => {
    const { calls, send } = echo();
    const batcher = new OutcomeBatcher({ maxItems: 100, maxWaitMs: 60_000 }, send);
    const result = batcher.add(7);
    expect(batcher.size).toBe(1);
    await batcher.drain();
    await expect(result).resolves.toBe(70);
    expect(calls).toEqual([[7]]);
    expect(batcher.size).toBe(0);
  });
});
