import { api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { zulipApi } from '../support/zulip';

type Events = { events: { id: number; type: string; message?: Record<string, unknown>; flags?: string[] }[] };

describe('Zulip event queues', () => {
  let cluster: Cluster;
  let org: TestOrg;

  beforeAll(async () => {
    // The CLI blocks the event loop: create the organisation first, so no idle keep-alive socket goes stale meanwhile.
    org = createOrg(3);
    cluster = await Cluster.start();
  });

  afterAll(async () => {
    if (process.env.ZULIP_DEBUG) console.log(cluster.gateway.output.join(''), cluster.messaging.output.join(''), cluster.realtime[0].output.join(''));
    await cluster.stop();
  });

  it('registers with the initial state, queues a channel message posted over REST, and acknowledges it', async () => {
    const [alice] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const channel = (await admin.post<{ response: { channelID: string; zulipID: number } }>('/channels/', { name: 'denmark', members: [alice.id] })).body.response;
    const zulip = zulipApi(cluster.apiUrl, alice.email, alice.token);
    const registered = await zulip.post('/register', { event_types: 'null', narrow: [['channel', 'Denmark']], unknown_thing: 'x' });
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({ result: 'success', ignored_parameters_unsupported: ['unknown_thing'], max_message_id: expect.any(Number) });
    expect((registered.body.subscriptions as { name: string }[]).map((sub) => sub.name)).toEqual(['denmark']);
    const queueId = registered.body.queue_id as string;
    const lastEventId = registered.body.last_event_id as number;

    expect((await zulip.get('/events', { queue_id: queueId, last_event_id: lastEventId, dont_block: true })).body).toMatchObject({ result: 'success', events: [] });
    const posted = await admin.post<{ response: { zulipID: number } }>(`/channels/${channel.channelID}/messages/`, { message: 'hej', topic: 'greetings' });
    const polled = await zulip.get('/events', { queue_id: queueId, last_event_id: lastEventId, dont_block: false });
    const events = (polled.body as unknown as Events).events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'message', message: { id: posted.body.response.zulipID, content: 'hej', subject: 'greetings', type: 'stream', stream_id: channel.zulipID, display_recipient: 'denmark', sender_email: org.admin.email } });
    const next = await zulip.get('/events', { queue_id: queueId, last_event_id: events[0].id, dont_block: true });
    expect((next.body as unknown as Events).events).toEqual([]);
  });

  it('answers bad queue ids and missing auth in the Zulip shape', async () => {
    const [alice, bob] = org.users;
    const zulip = zulipApi(cluster.apiUrl, alice.email, alice.token);
    const bad = await zulip.get('/events', { queue_id: 'nope', last_event_id: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ result: 'error', msg: 'Bad event queue ID: nope', code: 'BAD_EVENT_QUEUE_ID', queue_id: 'nope' });
    const queueId = (await zulip.post('/register', {})).body.queue_id as string;
    const foreign = await zulipApi(cluster.apiUrl, bob.email, bob.token).get('/events', { queue_id: queueId, last_event_id: 0, dont_block: true });
    expect(foreign.body).toMatchObject({ code: 'BAD_EVENT_QUEUE_ID', queue_id: queueId });
    const anonymous = await zulipApi(cluster.apiUrl).post('/register', {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="zulip"');
    expect(anonymous.body).toMatchObject({ result: 'error', code: 'UNAUTHORIZED' });
    const wrongKey = await zulipApi(cluster.apiUrl, alice.email, 'sbt_wrong').get('/users/me');
    expect(wrongKey.status).toBe(401);
    const badNarrow = await zulip.post('/register', { narrow: [['bogus', 'x']] });
    expect(badNarrow.status).toBe(400);
    expect(badNarrow.body).toMatchObject({ result: 'error', code: 'BAD_NARROW' });
    expect(String(badNarrow.body.msg)).toContain('bogus');
    expect((await zulip.delete('/events', { queue_id: queueId })).body).toEqual({ result: 'success', msg: '' });
    expect((await zulip.delete('/events', { queue_id: queueId })).body).toMatchObject({ code: 'BAD_EVENT_QUEUE_ID' });
  });
});
