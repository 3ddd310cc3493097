import { OUTBOX_CONSUMER_ORDER, type OutboxConsumer, OutboxConsumerRegistry } from './outbox-consumer';

function consumer(name: string): OutboxConsumer {
  return { name, consume: () => Promise.resolve() };
}

describe('OutboxConsumerRegistry', () => {
  it('hands batches to the consumers in OUTBOX_CONSUMER_ORDER, whatever order they register in', () => {
    for (const order of [
      [...OUTBOX_CONSUMER_ORDER],
      [...OUTBOX_CONSUMER_ORDER].reverse(),
      ['slack-apps', 'redis-publisher', 'attachment-removal', 'outgoing-webhooks'],
    ]) {
      const registry = new OutboxConsumerRegistry();
      for (const name of order) registry.register(consumer(name));
      expect(registry.all().map((registered) => registered.name)).toEqual(OUTBOX_CONSUMER_ORDER);
    }
  });

  it('publishes to Redis first', () => {
    expect(OUTBOX_CONSUMER_ORDER[0]).toBe('redis-publisher');
  });

  it('refuses a consumer the order does not name', () => {
    expect(() => new OutboxConsumerRegistry().register(consumer('unlisted'))).toThrow(/OUTBOX_CONSUMER_ORDER/);
  });
});
