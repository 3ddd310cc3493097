import { EventEmitter } from 'node:events';
import type { RedisClient } from '@switchboard/platform';
import { EventHub, type HubMessage } from '../hub/event-hub';
import { QueueWaker, type Waiter } from './queue-waker';

class FakeSubscriber extends EventEmitter {
  readonly subscribed = new Set<string>();
  ssubscribe = jest.fn(async (channel: string) => this.subscribed.add(channel).size);
  sunsubscribe = jest.fn(async (channel: string) => Number(this.subscribed.delete(channel)));
  quit = jest.fn(async () => 'OK');
}

class Poll implements Waiter {
  readonly heard: string[] = [];
  hear(message: HubMessage): void {
    this.heard.push(`${message.channel} ${message.payload}`);
  }
}

function wakerOn(): { waker: QueueWaker; redis: FakeSubscriber } {
  const redis = new FakeSubscriber();
  return { waker: new QueueWaker(new EventHub(redis as unknown as RedisClient)), redis };
}

describe('QueueWaker', () => {
  it('tells every poll watching a channel, until each leaves; the channel is left with its last poll', async () => {
    const { waker, redis } = wakerOn();
    const [a, b] = [new Poll(), new Poll()];
    await waker.watch(['org', 'poll:a', 'org'], a);
    await waker.watch(['org', 'poll:b'], b);
    expect([...redis.subscribed].sort()).toEqual(['org', 'poll:a', 'poll:b']);
    redis.emit('smessage', 'org', '1');
    redis.emit('smessage', 'poll:b', '2');
    expect(a.heard).toEqual(['org 1']);
    expect(b.heard).toEqual(['org 1', 'poll:b 2']);
    await waker.unwatch(['org', 'poll:a'], a);
    redis.emit('smessage', 'org', '3');
    expect(a.heard).toEqual(['org 1']);
    expect(b.heard).toEqual(['org 1', 'poll:b 2', 'org 3']);
    expect([...redis.subscribed].sort()).toEqual(['org', 'poll:b']);
    await waker.unwatch(['org', 'poll:b'], b);
    expect(redis.subscribed.size).toBe(0);
  });

  it('moves a poll to new channels, keeping the ones both sets share', async () => {
    const { waker, redis } = wakerOn();
    const poll = new Poll();
    await waker.watch(['org', 'conv:1'], poll);
    await waker.rewatch(['org', 'conv:1'], ['org', 'conv:2'], poll);
    expect([...redis.subscribed].sort()).toEqual(['conv:2', 'org']);
    expect(redis.sunsubscribe).toHaveBeenCalledWith('conv:1');
    expect(redis.sunsubscribe).not.toHaveBeenCalledWith('org');
    redis.emit('smessage', 'org', '1');
    redis.emit('smessage', 'conv:2', '2');
    expect(poll.heard).toEqual(['org 1', 'conv:2 2']);
    await waker.unwatch(['org', 'conv:2'], poll);
    expect(redis.subscribed.size).toBe(0);
  });
});
