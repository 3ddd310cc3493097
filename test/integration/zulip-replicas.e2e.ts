import { Redis } from 'ioredis';
import { api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { TEST_REDIS_URL } from '../support/env';
import { type ZulipResponse, zulipApi } from '../support/zulip';

type Event = { id: number; type: string; message?: { content: string } };
const eventsOf = (response: ZulipResponse) => (response.body as unknown as { events: Event[] }).events;

describe('Zulip event queues across two realtime replicas', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let redis: Redis;

  beforeAll(async () => {
    org = createOrg(1);
    cluster = await Cluster.start({ realtimeReplicas: 2 });
    redis = new Redis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    redis.disconnect();
    await cluster.stop();
  });

  /** A poll has reached the server once it started a new poll generation of its queue. */
  const pollStarted = async (queueId: string, generation: number) => {
    const deadline = Date.now() + 10000;
    while (Number(await redis.hget(`sb:zq:{${queueId}}`, 'gen')) < generation) {
      if (Date.now() > deadline) throw new Error('the poll never reached the server');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('a poll on replica 2 of a queue registered on replica 1 wakes on a REST post; after replica 2 stops mid-poll, replica 1 replays from the same last_event_id without loss or duplicates', async () => {
    const [alice] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const channel = (
      await admin.post<{ response: { channelID: string } }>('/channels/', { name: 'relay', members: [alice.id] })
    ).body.response;
    const post = (text: string) =>
      admin.post(`/channels/${channel.channelID}/messages/`, { message: text, topic: 't' });
    const replica1 = zulipApi(cluster.realtime[0].url, alice.email, alice.token);
    const replica2 = zulipApi(cluster.realtime[1].url, alice.email, alice.token);

    const registered = await replica1.post('/register', { event_types: ['message'] });
    const queueId = registered.body.queue_id as string;
    const start = registered.body.last_event_id as number;

    const waiting = replica2.get('/events', { queue_id: queueId, last_event_id: start });
    await pollStarted(queueId, 1);
    await post('one');
    const first = eventsOf(await waiting);
    expect(first.map((event) => event.message?.content)).toEqual(['one']);
    const acked = first[0].id;

    // A poll waits on replica 2; replica 2 stops (SIGTERM) while it waits; messages arrive meanwhile.
    const interrupted = replica2
      .get('/events', { queue_id: queueId, last_event_id: acked })
      .catch((error: unknown) => error);
    await pollStarted(queueId, 2);
    await cluster.realtime[1].stop();
    const ended = await interrupted;
    if (!(ended instanceof Error)) expect(eventsOf(ended as ZulipResponse)).toEqual([]);
    await post('two');
    await post('three');

    // Acknowledged means committed; the relay queues each post right after, so the first poll may come
    // before 'three' is there. Asking again from the same last_event_id is the client's retry.
    let resumed = await replica1.get('/events', { queue_id: queueId, last_event_id: acked });
    for (let tries = 0; tries < 30 && eventsOf(resumed).length < 2; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      resumed = await replica1.get('/events', { queue_id: queueId, last_event_id: acked });
    }
    expect(eventsOf(resumed).map((event) => event.message?.content)).toEqual(['two', 'three']);
    // The same acknowledgement again (say the response was lost) gets the same events, once each.
    const again = await replica1.get('/events', { queue_id: queueId, last_event_id: acked });
    expect(eventsOf(again)).toEqual(eventsOf(resumed));
    const last = eventsOf(again)[1].id;
    expect(
      eventsOf(await replica1.get('/events', { queue_id: queueId, last_event_id: last, dont_block: true })),
    ).toEqual([]);
    // An acknowledgement older than one already given is refused, as Zulip does.
    expect(
      (await replica1.get('/events', { queue_id: queueId, last_event_id: acked, dont_block: true })).body,
    ).toMatchObject({ result: 'error', code: 'BAD_REQUEST' });
  });

  it('a newer poll of the same queue ends the older waiting one', async () => {
    const [alice] = org.users;
    const replica1 = zulipApi(cluster.realtime[0].url, alice.email, alice.token);
    const registered = await replica1.post('/register', {});
    const queueId = registered.body.queue_id as string;
    const start = registered.body.last_event_id as number;
    const older = replica1.get('/events', { queue_id: queueId, last_event_id: start });
    await pollStarted(queueId, 1);
    const newer = replica1.get('/events', { queue_id: queueId, last_event_id: start, dont_block: true });
    expect(eventsOf(await older)).toEqual([]);
    expect((await newer).body).toMatchObject({ result: 'success', events: [] });
  });

  it('a waiting message-only poll follows a channel joined during the wait', async () => {
    const [alice] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const later = (await admin.post<{ response: { channelID: string } }>('/channels/', { name: 'joined-later' })).body
      .response;
    const replica1 = zulipApi(cluster.realtime[0].url, alice.email, alice.token);
    const registered = await replica1.post('/register', { event_types: ['message'] });
    const queueId = registered.body.queue_id as string;
    const waiting = replica1.get('/events', { queue_id: queueId, last_event_id: registered.body.last_event_id });
    await pollStarted(queueId, 1);
    await api(cluster.apiUrl, alice.token).put(`/channels/${later.channelID}/members/${alice.id}`);
    await admin.post(`/channels/${later.channelID}/messages/`, { message: 'welcome', topic: 't' });
    // The heartbeat is 50 s away: only following the new channel's pub/sub channel returns this in time.
    expect(eventsOf(await waiting).map((event) => event.message?.content)).toEqual(['welcome']);
  });

  it('an api-gateway shutting down ends the long-polls it forwards with no events, and the queue lives on', async () => {
    const [alice] = org.users;
    const viaGateway = zulipApi(cluster.apiUrl, alice.email, alice.token);
    const registered = await viaGateway.post('/register', { event_types: ['message'] });
    const queueId = registered.body.queue_id as string;
    const waiting = viaGateway.get('/events', { queue_id: queueId, last_event_id: registered.body.last_event_id });
    await pollStarted(queueId, 1);
    await cluster.gateway.stop();
    expect((await waiting).body).toEqual({ result: 'success', msg: '', events: [] });
    const direct = zulipApi(cluster.realtime[0].url, alice.email, alice.token);
    expect(
      (
        await direct.get('/events', {
          queue_id: queueId,
          last_event_id: registered.body.last_event_id,
          dont_block: true,
        })
      ).body,
    ).toMatchObject({ result: 'success', events: [] });
  });
});
