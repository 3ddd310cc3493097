import { CLOCK_SLOTS, ConnectionClock } from './connection-clock';
import { RtmConnection, isLater } from './rtm-connection';

function connection(openedAt: number): RtmConnection {
  const socket = { OPEN: 1, readyState: 1 } as never;
  const made = new RtmConnection(socket, 'u', 'o', { batchPresenceAware: false }, 'r', '0');
  Object.assign(made, { openedAt });
  return made;
}

describe('ConnectionClock', () => {
  function clock(maxAgeMs: number) {
    const seen: string[] = [];
    const wheel = new ConnectionClock(maxAgeMs, {
      dead: (c) => seen.push(`dead ${c.id}`),
      ping: (c) => seen.push(`ping ${c.id}`),
      expired: (c) => seen.push(`expired ${c.id}`),
    });
    return { wheel, seen };
  }

  it('pings every socket once per turn of the wheel, a thirtieth of them each second', () => {
    const { wheel, seen } = clock(3_600_000);
    const sockets = Array.from({ length: CLOCK_SLOTS * 2 }, () => connection(0));
    sockets.forEach((c) => wheel.add(c));
    wheel.advance(1000);
    expect(seen).toEqual([`ping ${sockets[0].id}`, `ping ${sockets[CLOCK_SLOTS].id}`]);
    for (let tick = 1; tick < CLOCK_SLOTS; tick++) wheel.advance(1000 + tick * 1000);
    expect(seen).toHaveLength(sockets.length);
  });

  it('terminates a socket that did not answer the previous ping, and keeps one that did', () => {
    const { wheel, seen } = clock(3_600_000);
    const [silent, answering] = [connection(0), connection(0)];
    wheel.add(silent);
    for (let i = 1; i < CLOCK_SLOTS; i++) wheel.add(connection(0));
    wheel.add(answering);
    wheel.advance(1000);
    for (let tick = 1; tick < CLOCK_SLOTS; tick++) wheel.advance(1000 + tick * 1000);
    answering.alive = true; // its pong arrived
    seen.length = 0;
    wheel.advance(40_000);
    expect(seen).toEqual([`dead ${silent.id}`, `ping ${answering.id}`]);
  });

  it('closes a socket at its maximum age, within one turn of the wheel', () => {
    const { wheel, seen } = clock(10_000);
    const old = connection(0);
    wheel.add(old);
    wheel.advance(5_000);
    expect(seen).toEqual([`ping ${old.id}`]);
    for (let tick = 1; tick < CLOCK_SLOTS; tick++) wheel.advance(5_000 + tick * 1000);
    wheel.advance(35_000);
    expect(seen.at(-1)).toBe(`expired ${old.id}`);
    expect(old.slot).toBe(-1);
  });
});

describe('RtmConnection', () => {
  it.each([
    ['longer is later', '100', '99', true],
    ['same length compares text', '123', '122', true],
    ['equal is not later', '5', '5', false],
    ['shorter is earlier', '9', '10', false],
  ])('isLater: %s', (_label, a, b, expected) => expect(isLater(a, b)).toBe(expected));

  it('drops an event seen twice and moves its position only forward', () => {
    const c = connection(0);
    expect(c.firstSight('7')).toBe(true);
    expect(c.firstSight('7')).toBe(false);
    c.passed('7');
    c.passed('3');
    expect(c.lastEventId).toBe('7');
  });
});
