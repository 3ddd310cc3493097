import { Redis } from 'ioredis';
import { encodeSlackId } from '@switchboard/contracts';
import { EventLog } from '@switchboard/platform';
import { TEST_REDIS_URL } from '../support/env';
import { api } from '../support/api';
import { createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { RtmTestClient } from '../support/rtm-client';

describe('outbox: a committed event survives the messaging-service dying before publication', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({ realtimeReplicas: 1, messagingEnv: { OUTBOX_RELAY_ENABLED: 'false' } });
  });

  afterAll(async () => {
    await cluster.stop();
  });

  it('publishes every committed event exactly once after a crash and restart', async () => {
    const org = createOrg(1);
    const [member] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const channel = (
      await admin.post<{ response: Record<string, string> }>('/channels/', { name: 'durable', members: [member.id] })
    ).body.response;
    const client = await RtmTestClient.connect(cluster.apiUrl, member.token, cluster.realtime[0].port);

    const texts = ['one', 'two', 'three', 'four'];
    for (const text of texts)
      expect((await admin.post(`/channels/${channel.channelID}/messages/`, { message: text })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(client.ofType('message')).toEqual([]); // committed, not yet published: the relay is off

    await cluster.messaging.stop('SIGKILL'); // a crash between commit and publish
    cluster.messaging = await cluster.messagingProcess({ OUTBOX_RELAY_ENABLED: 'true' }).start();

    const slackChannel = encodeSlackId('public', channel.channelID);
    await client.waitUntil(() => client.ofType('message').length >= texts.length, 10000, 'replayed messages');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(client.ofType('message').map((frame) => [frame.channel, frame.text])).toEqual(
      texts.map((text) => [slackChannel, text]),
    );
    client.close();

    const redis = new Redis(TEST_REDIS_URL);
    try {
      const log = await new EventLog(redis).readAfter(org.id, '0');
      const messages = log.events.filter((event) => event.type === 'message.created');
      expect(messages.map((event) => (event.payload as { message: { message: string } }).message.message)).toEqual(
        texts,
      );
      const ids = log.events.map((event) => BigInt(event.eventId));
      expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
      expect(new Set(ids).size).toBe(ids.length);
      expect(log.complete).toBe(true);
      expect(log.head).toBe(String(ids[ids.length - 1]));
      const tail = await new EventLog(redis).readAfter(org.id, String(ids[ids.length - 2]));
      expect(tail.events.map((event) => event.eventId)).toEqual([String(ids[ids.length - 1])]);
    } finally {
      await redis.quit();
    }
  });
});
