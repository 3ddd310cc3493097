import { encodeSlackId } from '@switchboard/contracts';
import { PresenceStore, createRedis } from '@switchboard/platform';
import { api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { httpRequest } from '../support/http';
import { RedisClusterProcess } from '../support/redis-cluster';
import { RtmTestClient } from '../support/rtm-client';
import { eventually } from '../support/webhook-receiver';
import { zulipApi } from '../support/zulip';

type ZulipEvent = Record<string, unknown> & { id: number; type: string };

/**
 * All four apps, two realtime replicas, on a real three-node Redis Cluster (`redis+cluster://…`,
 * BullMQ under a `{…}` hash-tag prefix): keys and sharded channels spread over the nodes' slots.
 */
describe('Redis Cluster', () => {
  let redis: RedisClusterProcess;
  let cluster: Cluster;
  let org: TestOrg;
  let channelId: string;
  let streamId: number;
  const sockets: RtmTestClient[] = [];

  beforeAll(async () => {
    org = createOrg(4);
    redis = await RedisClusterProcess.start();
    const REDIS_URL = redis.url;
    const QUEUE_PREFIX = `{sbtest-${Math.random().toString(36).slice(2, 10)}}`;
    cluster = await Cluster.start({
      withDispatcher: true,
      realtimeReplicas: 2,
      messagingEnv: { REDIS_URL, QUEUE_PREFIX },
      realtimeEnv: { REDIS_URL, ZULIP_HEARTBEAT_SECONDS: '2' },
      gatewayEnv: { REDIS_URL },
      dispatcherEnv: { REDIS_URL, QUEUE_PREFIX },
    });
    const channel = (
      await api(cluster.apiUrl, org.admin.token).post<{ response: { channelID: string; zulipID: number } }>(
        '/channels/',
        { name: 'cluster', members: org.users.map((user) => user.id) },
      )
    ).body.response;
    [channelId, streamId] = [channel.channelID, channel.zulipID];
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await cluster?.stop();
    redis?.stop();
  });

  it('is ready on every app', async () => {
    for (const app of [cluster.messaging, ...cluster.realtime, cluster.gateway, cluster.dispatcher!]) {
      expect((await fetch(`${app.url}/health/ready`)).status).toBe(200);
    }
  });

  it('fans a REST post out to RTM sockets on both realtime replicas and wakes a waiting Zulip long-poll', async () => {
    const [alice, bob, carol] = org.users;
    const onFirst = await RtmTestClient.connect(cluster.apiUrl, bob.token, cluster.realtime[0].port);
    const onSecond = await RtmTestClient.connect(cluster.apiUrl, carol.token, cluster.realtime[1].port);
    sockets.push(onFirst, onSecond);
    const zulip = zulipApi(cluster.apiUrl, bob.email, bob.token);
    const queue = (await zulip.post('/register', { event_types: ['message'] })).body;
    const poll = zulip.get('/events', {
      queue_id: queue.queue_id,
      last_event_id: queue.last_event_id,
      dont_block: false,
    });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the poll is waiting before the post

    await api(cluster.apiUrl, alice.token).post(`/channels/${channelId}/messages/`, { message: 'across slots' });
    const isPost = (frame: Record<string, unknown>) =>
      frame.type === 'message' && frame.text === 'across slots' && frame.channel === encodeSlackId('public', channelId);
    await Promise.all([onFirst.waitFor(isPost), onSecond.waitFor(isPost)]);
    expect((await poll).body.events).toEqual([
      expect.objectContaining({ type: 'message', message: expect.objectContaining({ content: 'across slots' }) }),
    ]);
  });

  it('carries typing from a Zulip client to a queue, and the presence of a user whose queue is polled', async () => {
    const [alice, bob, , dave] = org.users;
    const aliceZulip = zulipApi(cluster.apiUrl, alice.email, alice.token);
    const watcher = (await aliceZulip.post('/register', { event_types: ['typing', 'presence'] })).body;
    await zulipApi(cluster.apiUrl, dave.email, dave.token).post('/register', { event_types: ['message'] });
    await zulipApi(cluster.apiUrl, bob.email, bob.token).post('/typing', {
      op: 'start',
      type: 'stream',
      stream_id: streamId,
      topic: 'slots',
    });

    const seen: ZulipEvent[] = [];
    let last = watcher.last_event_id as number;
    await eventually(
      async () => {
        const polled = await aliceZulip.get('/events', {
          queue_id: watcher.queue_id,
          last_event_id: last,
          dont_block: false,
        });
        for (const event of polled.body.events as ZulipEvent[]) {
          seen.push(event);
          last = Math.max(last, event.id);
        }
        return (
          seen.some((event) => event.type === 'typing') &&
          seen.some((event) => event.type === 'presence' && event.email === dave.email)
        );
      },
      15_000,
      'typing and presence events',
    );
    expect(seen.find((event) => event.type === 'typing')).toMatchObject({
      op: 'start',
      message_type: 'stream',
      stream_id: streamId,
      topic: 'slots',
    });

    const presence = await httpRequest(
      `${cluster.apiUrl}/api/users.getPresence?user=${encodeSlackId('user', dave.id)}`,
      { headers: { authorization: `Bearer ${alice.token}` } },
    );
    expect(JSON.parse(presence.text)).toMatchObject({ ok: true, presence: 'active' });
  });

  it('expires a status through a delayed BullMQ job under the hash-tagged prefix', async () => {
    const [alice, bob] = org.users;
    const expires = new Date(Date.now() + 4000).toISOString();
    expect((await api(cluster.apiUrl, alice.token).post('/status/', { message: 'Back soon', expires })).status).toBe(
      200,
    );
    const aliceStatus = async () =>
      (
        (await api(cluster.apiUrl, bob.token).get<{ response: { userID: string }[] }>('/status/')).body.response ?? []
      ).find((status) => status.userID === alice.id);
    expect(await aliceStatus()).toBeDefined();
    await eventually(async () => (await aliceStatus()) === undefined, 20_000, 'the status expiry job');
  });

  it('reads and refreshes the presence of many users, whose keys are spread over the nodes', async () => {
    const client = createRedis(redis.url, 'test');
    try {
      const store = new PresenceStore(client);
      const userIds = Array.from({ length: 12 }, (_, index) => String(900_000 + index));
      for (const userId of userIds) await store.online('900000', userId, `conn-${userId}`);
      await store.refresh(
        userIds.map((userId) => ({ organisationId: '900000', userId, connection: `conn-${userId}` })),
      );
      const statuses = await store.status(userIds);
      expect([...statuses.values()].map((status) => status.presence)).toEqual(userIds.map(() => 'active'));
    } finally {
      await client.quit();
    }
  });
});
