import { MessagingAvailability } from './messaging-availability';

describe('MessagingAvailability', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('probes once at first, then answers from memory while up', async () => {
    const probe = jest.fn(async () => undefined);
    const availability = new MessagingAvailability(probe, 1000, clock);
    await expect(availability.isUp()).resolves.toBe(true);
    await expect(availability.isUp()).resolves.toBe(true);
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it('after a failure, probes at most once per interval, and concurrent callers share a probe', async () => {
    let healthy = false;
    const probe = jest.fn(async () => {
      if (!healthy) throw new Error('down');
    });
    const availability = new MessagingAvailability(probe, 1000, clock);
    await expect(Promise.all([availability.isUp(), availability.isUp()])).resolves.toEqual([false, false]);
    expect(probe).toHaveBeenCalledTimes(1);
    now += 999;
    await expect(availability.isUp()).resolves.toBe(false);
    expect(probe).toHaveBeenCalledTimes(1);
    healthy = true;
    now += 1;
    await expect(availability.isUp()).resolves.toBe(true);
    expect(probe).toHaveBeenCalledTimes(2);
  });

  it('a failed batch marks it down until the next probe; a good one marks it up', async () => {
    const probe = jest.fn(async () => undefined);
    const availability = new MessagingAvailability(probe, 1000, clock);
    availability.markUp();
    availability.markDown();
    await expect(availability.isUp()).resolves.toBe(false);
    availability.markUp();
    await expect(availability.isUp()).resolves.toBe(true);
    expect(probe).not.toHaveBeenCalled();
  });
});
