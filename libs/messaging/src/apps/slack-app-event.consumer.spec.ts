import type { AnyDomainEvent } from '@switchboard/contracts';
import { OutboxConsumerRegistry } from '../outbox/outbox-consumer';
import { SlackAppEventConsumer } from './slack-app-event.consumer';
import type { AppWithBot, SlackAppRepository } from './slack-app.repository';
import type { SlackEventsQueue } from './slack-events.queue';
import type { SocketModeStream } from './socket-mode-stream';

const event = (organisationId: string, eventId: string, type = 'channel.read', payload: unknown = {}) =>
  ({ organisationId, eventId, type, occurredAt: '', actorId: null, audience: {}, payload }) as AnyDomainEvent;
const botCreated = (organisationId: string, eventId: string) =>
  event(organisationId, eventId, 'user.created', { user: { userId: '9', kind: 'bot' } });

/** A consumer over an app table held in memory, recording which organisations it asked for. */
function consumerOver(apps: AppWithBot[]) {
  const asked: string[][] = [];
  const repository = {
    liveAppsOf: async (organisations: string[]) => {
      asked.push(organisations);
      return apps.filter((app) => organisations.includes(app.organisationId));
    },
    memberships: async () => new Set<string>(),
  } as unknown as SlackAppRepository;
  const sink = { add: async () => undefined };
  const consumer = new SlackAppEventConsumer(
    new OutboxConsumerRegistry(),
    repository,
    sink as unknown as SocketModeStream,
    sink as unknown as SlackEventsQueue,
  );
  return { consumer, asked };
}

const app = (organisationId: string): AppWithBot => ({
  id: '70',
  organisationId,
  botUserId: '9',
  botHandle: 'bot',
  eventTypes: ['message'],
  requestUrl: null,
  socketMode: true,
});

describe('SlackAppEventConsumer: which organisations it asks for apps', () => {
  it('asks once for an organisation without apps, then remembers', async () => {
    const { consumer, asked } = consumerOver([]);
    await consumer.consume([event('1', '1')]);
    await consumer.consume([event('1', '2')]);
    expect(asked).toEqual([['1']]);
  });

  it('asks again once a bot user is created there, in the same batch as its first events', async () => {
    const apps: AppWithBot[] = [];
    const { consumer, asked } = consumerOver(apps);
    await consumer.consume([event('1', '1')]);
    apps.push(app('1'));
    await consumer.consume([botCreated('1', '2'), event('1', '3')]);
    await consumer.consume([event('1', '4')]);
    expect(asked).toEqual([['1'], ['1'], ['1']]);
  });

  it('asks at every batch for an organisation with apps, so a deleted app stops at once', async () => {
    const { consumer, asked } = consumerOver([app('1')]);
    await consumer.consume([event('1', '1')]);
    await consumer.consume([event('1', '2')]);
    expect(asked).toEqual([['1'], ['1']]);
  });

  it('forgets what it knew when it takes the lead', async () => {
    const { consumer, asked } = consumerOver([]);
    await consumer.consume([event('1', '1'), event('2', '1')]);
    await consumer.onLeadership();
    await consumer.consume([event('2', '2')]);
    expect(asked).toEqual([['1', '2'], ['2']]);
  });

  it('asks again after the remembered answer expires', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const { consumer, asked } = consumerOver([]);
      await consumer.consume([event('1', '1')]);
      jest.setSystemTime(1_000_000 + 10_001);
      await consumer.consume([event('1', '2')]);
      expect(asked).toEqual([['1'], ['1']]);
    } finally {
      jest.useRealTimers();
    }
  });
});
