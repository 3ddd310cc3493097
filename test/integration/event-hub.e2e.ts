import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createSubscriberRedis } from '@switchboard/platform';
import { EventHub, type HubMessage } from '../../libs/realtime/src/hub/event-hub';
import { TEST_REDIS_URL } from '../support/env';
import { eventually } from '../support/webhook-receiver';

describe('EventHub on a real Redis', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const role = `hub-e2e-${randomUUID().slice(0, 8)}`;
  const hub = new EventHub(createSubscriberRedis(TEST_REDIS_URL, role));
  afterAll(async () => {
    await hub.close();
    await redis.quit();
  });

  const subscribers = async (channel: string) =>
    Number(((await redis.call('PUBSUB', 'SHARDNUMSUB', channel)) as [string, number])[1]);

  it('holds one sharded subscription per channel while any listener follows it', async () => {
    const channel = `sb:ev:{conv:hub-${randomUUID()}}`;
    const a = jest.fn();
    const b = jest.fn();
    await hub.subscribe(channel, a);
    await hub.subscribe(channel, b);
    expect(await subscribers(channel)).toBe(1);
    await redis.spublish(channel, '{"n":1}');
    await eventually(() => a.mock.calls.length === 1 && b.mock.calls.length === 1, 5000, 'both listeners');
    expect(a.mock.calls[0][0]).toBe(b.mock.calls[0][0]);
    await hub.unsubscribe(channel, a);
    expect(await subscribers(channel)).toBe(1);
    await hub.unsubscribe(channel, b);
    expect(await subscribers(channel)).toBe(0);
  });

  it('resubscribes its channels after the subscriber connection is killed', async () => {
    const channel = `sb:ev:{user:hub-${randomUUID()}}`;
    const seen: HubMessage[] = [];
    await hub.subscribe(channel, (message) => seen.push(message));
    const clients = (await redis.client('LIST')) as string;
    const ids = clients
      .split('\n')
      .filter((line) => line.includes(` name=switchboard:${role} `))
      .map((line) => /^id=([0-9]+)/.exec(line)![1]);
    expect(ids).toHaveLength(1);
    await redis.client('KILL', 'ID', ids[0]);
    // Published until the reconnected subscriber hears it: nothing else tells when it is back.
    await eventually(
      async () => {
        await redis.spublish(channel, '{"after":"reconnect"}');
        return seen.length > 0;
      },
      10_000,
      'a message after the reconnect',
    );
    expect(seen[0].parsed).toEqual({ after: 'reconnect' });
    expect(await subscribers(channel)).toBe(1);
  });
});
