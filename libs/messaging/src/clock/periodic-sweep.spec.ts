import { PeriodicSweep } from './periodic-sweep';

describe('PeriodicSweep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sweeps after the first delay, then every period', async () => {
    const sweep = jest.fn().mockResolvedValue(undefined);
    const periodic = new PeriodicSweep('test sweep', sweep, { error: jest.fn() });
    periodic.start(1000, 50);
    await jest.advanceTimersByTimeAsync(49);
    expect(sweep).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(sweep).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(2000);
    expect(sweep).toHaveBeenCalledTimes(3);
    await periodic.stop();
    await jest.advanceTimersByTimeAsync(5000);
    expect(sweep).toHaveBeenCalledTimes(3);
  });

  it('skips a turn while the previous sweep runs, and logs a failure without stopping', async () => {
    let finish: () => void = () => undefined;
    const sweep = jest
      .fn()
      .mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)))
      .mockRejectedValueOnce(new Error('database gone'))
      .mockResolvedValue(undefined);
    const error = jest.fn();
    const periodic = new PeriodicSweep('test sweep', sweep, { error });
    periodic.start(100);
    await jest.advanceTimersByTimeAsync(350);
    expect(sweep).toHaveBeenCalledTimes(1);
    finish();
    await jest.advanceTimersByTimeAsync(100);
    expect(sweep).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledWith({ msg: 'test sweep failed', err: 'database gone' });
    await jest.advanceTimersByTimeAsync(100);
    expect(sweep).toHaveBeenCalledTimes(3);
    await periodic.stop();
  });
});
