import { Redis } from 'ioredis';
import type { AnyDomainEvent } from '@switchboard/contracts';
import { EventPublisher, eventTargets } from '../../libs/messaging/src/outbox/event-publisher';
import { TEST_REDIS_URL } from '../support/env';

const randomId = () => String(9_000_000_000_000 + Math.floor(Math.random() * 1e12));

describe('EventPublisher publishes each outbox position at most once per channel', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const subscriber = new Redis(TEST_REDIS_URL);
  afterAll(async () => {
    await redis.quit();
    await subscriber.quit();
  });

  it('skips a republish after a crash between publish and mark, and anything older', async () => {
    const conversationId = randomId();
    const userId = randomId();
    const event = {
      organisationId: '1',
      eventId: '7',
      type: 'user.created',
      occurredAt: new Date().toISOString(),
      actorId: null,
      audience: { conversationId, userIds: [userId] },
      payload: {},
    } as unknown as AnyDomainEvent;
    expect(eventTargets(event)).toEqual([
      { kind: 'conv', id: conversationId },
      { kind: 'user', id: userId },
    ]);

    const received: string[] = [];
    subscriber.on('smessage', (_channel, payload) => received.push(payload));
    await subscriber.ssubscribe(`sb:ev:{conv:${conversationId}}`);
    const publisher = new EventPublisher(redis);
    expect(await publisher.publish('100', event)).toBe(2);
    expect(await publisher.publish('100', event)).toBe(0); // the relay restarted and tried again
    expect(await publisher.publish('99', event)).toBe(0);
    expect(await publisher.publish('101', event)).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toHaveLength(2);
  });

  it('starts a new epoch when the outbox sequence went backwards (a restored database), so nothing is suppressed', async () => {
    const conversationId = randomId();
    const event = {
      organisationId: '1',
      eventId: '1',
      type: 'user.created',
      occurredAt: new Date().toISOString(),
      actorId: null,
      audience: { conversationId },
      payload: {},
    } as unknown as AnyDomainEvent;
    const publisher = new EventPublisher(redis);
    const database = `test-${randomId()}`;
    const orgIds = async () => ['1'];
    const before = await publisher.startEpoch(database, '0', orgIds);
    expect(await publisher.publish('5000', event)).toBe(1);
    await publisher.recordHighWater('5000');

    const afterRestore = new EventPublisher(redis);
    const epoch = await afterRestore.startEpoch(database, '10', orgIds);
    expect(epoch).not.toBe(before);
    expect(await afterRestore.publish('11', event)).toBe(1);

    const sameDatabase = new EventPublisher(redis);
    expect(await sameDatabase.startEpoch(database, '5000', orgIds)).toBe(epoch);
    expect(await new EventPublisher(redis).startEpoch(`other-${database}`, '1', orgIds)).toBe('0');
  });
});
