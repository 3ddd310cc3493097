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
    cluster = await Cluster.start({
      realtimeEnv: { ZULIP_HEARTBEAT_SECONDS: '1', ZULIP_QUEUE_MAX_BACKLOG: '20', ZULIP_MAX_QUEUES_PER_USER: '3' },
    });
  });

  afterAll(async () => {
    await cluster.stop();
  });

  it('registers with the initial state, queues a channel message posted over REST, and acknowledges it', async () => {
    const [alice] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const channel = (
      await admin.post<{ response: { channelID: string; zulipID: number } }>('/channels/', {
        name: 'denmark',
        members: [alice.id],
      })
    ).body.response;
    const zulip = zulipApi(cluster.apiUrl, alice.email, alice.token);
    const registered = await zulip.post('/register', {
      event_types: 'null',
      narrow: [['channel', 'Denmark']],
      unknown_thing: 'x',
    });
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({
      result: 'success',
      ignored_parameters_unsupported: ['unknown_thing'],
      max_message_id: expect.any(Number),
    });
    expect((registered.body.subscriptions as { name: string }[]).map((sub) => sub.name)).toEqual(['denmark']);
    const queueId = registered.body.queue_id as string;
    const lastEventId = registered.body.last_event_id as number;

    expect(
      (await zulip.get('/events', { queue_id: queueId, last_event_id: lastEventId, dont_block: true })).body,
    ).toMatchObject({ result: 'success', events: [] });
    const posted = await admin.post<{ response: { zulipID: number } }>(`/channels/${channel.channelID}/messages/`, {
      message: 'hej',
      topic: 'greetings',
    });
    const polled = await zulip.get('/events', { queue_id: queueId, last_event_id: lastEventId, dont_block: false });
    const events = (polled.body as unknown as Events).events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'message',
      message: {
        id: posted.body.response.zulipID,
        content: 'hej',
        subject: 'greetings',
        type: 'stream',
        stream_id: channel.zulipID,
        display_recipient: 'denmark',
        sender_email: org.admin.email,
      },
    });
    // Zulip numbers fresh queues from -1; until something is acknowledged, -1 means "from the start".
    const fromStart = await zulip.get('/events', { queue_id: queueId, last_event_id: -1, dont_block: true });
    expect((fromStart.body as unknown as Events).events).toEqual(events);
    const next = await zulip.get('/events', { queue_id: queueId, last_event_id: events[0].id, dont_block: true });
    expect((next.body as unknown as Events).events).toEqual([]);
    expect((await zulip.get('/events', { queue_id: queueId, last_event_id: -1, dont_block: true })).body).toMatchObject(
      { result: 'error', code: 'BAD_REQUEST' },
    );
  });

  it('answers bad queue ids and missing auth in the Zulip shape', async () => {
    const [alice, bob] = org.users;
    const zulip = zulipApi(cluster.apiUrl, alice.email, alice.token);
    const bad = await zulip.get('/events', { queue_id: 'nope', last_event_id: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      result: 'error',
      msg: 'Bad event queue ID: nope',
      code: 'BAD_EVENT_QUEUE_ID',
      queue_id: 'nope',
    });
    const queueId = (await zulip.post('/register', {})).body.queue_id as string;
    const foreign = await zulipApi(cluster.apiUrl, bob.email, bob.token).get('/events', {
      queue_id: queueId,
      last_event_id: 0,
      dont_block: true,
    });
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

  it("follows membership: subscription events, then the new channel's messages; unsubscribed and private channels never leak", async () => {
    const [alice, bob] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const zulip = zulipApi(cluster.apiUrl, bob.email, bob.token);
    const registered = await zulip.post('/register', { event_types: ['message', 'subscription', 'stream'] });
    const queueId = registered.body.queue_id as string;
    let last = registered.body.last_event_id as number;
    const drain = async () => {
      const seen: Events['events'] = [];
      for (;;) {
        const page = (
          (await zulip.get('/events', { queue_id: queueId, last_event_id: last, dont_block: true }))
            .body as unknown as Events
        ).events;
        if (page.length === 0) return seen;
        seen.push(...page);
        last = Math.max(...page.map((event) => event.id));
      }
    };
    const lobby = (await admin.post<{ response: { channelID: string } }>('/channels/', { name: 'lobby' })).body
      .response;
    const vault = (
      await admin.post<{ response: { channelID: string } }>('/channels/', {
        name: 'vault',
        type: 'private',
        members: [alice.id],
      })
    ).body.response;
    await admin.post(`/channels/${lobby.channelID}/messages/`, { message: 'before joining', topic: 't' });
    await admin.post(`/channels/${vault.channelID}/messages/`, { message: 'private stuff', topic: 't' });
    await api(cluster.apiUrl, bob.token).put(`/channels/${lobby.channelID}/members/${bob.id}`);
    await admin.post(`/channels/${lobby.channelID}/messages/`, { message: 'after joining', topic: 't' });
    await api(cluster.apiUrl, bob.token).delete(`/channels/${lobby.channelID}/members/${bob.id}`);
    await admin.post(`/channels/${lobby.channelID}/messages/`, { message: 'after leaving', topic: 't' });
    const message = await admin.post<{ response: unknown }>('/channels/', { type: 'group', members: [bob.id] });
    const group = message.body.response as { channelID: string };
    await admin.post(`/channels/${group.channelID}/messages/`, { message: 'direct', topic: 'ignored' });
    const events = await waitForEvents(drain, (seen) => seen.some((event) => event.message?.content === 'direct'));
    const summary = events.map(
      (event) =>
        `${event.type}:${event.message ? String(event.message.content) : String((event as { op?: string }).op)}`,
    );
    expect(summary).toEqual([
      'stream:create',
      'subscription:add',
      'message:after joining',
      'subscription:remove',
      'message:direct',
    ]);
    const direct = events[events.length - 1].message!;
    expect(direct).toMatchObject({ type: 'private', subject: '' });
    expect((direct.display_recipient as { email: string }[]).map((recipient) => recipient.email).sort()).toEqual(
      [org.admin.email, bob.email].sort(),
    );
  });

  it('all_public_streams adds public channels the user has not joined, never private ones', async () => {
    const [, , carol] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const open = (await admin.post<{ response: { channelID: string } }>('/channels/', { name: 'open-plaza' })).body
      .response;
    const closed = (
      await admin.post<{ response: { channelID: string } }>('/channels/', { name: 'closed-room', type: 'private' })
    ).body.response;
    const zulip = zulipApi(cluster.apiUrl, carol.email, carol.token);
    const registered = await zulip.post('/register', { event_types: ['message'], all_public_streams: true });
    await admin.post(`/channels/${closed.channelID}/messages/`, { message: 'hidden', topic: 't' });
    await admin.post(`/channels/${open.channelID}/messages/`, { message: 'visible', topic: 't' });
    const polled = await zulip.get('/events', {
      queue_id: registered.body.queue_id,
      last_event_id: registered.body.last_event_id,
    });
    const events = (polled.body as unknown as Events).events;
    expect(events.map((event) => event.message?.content)).toEqual(['visible']);
    // Not a member: no read state, so read and historical, as GET /messages shows it.
    expect(events[0].flags).toEqual(['read', 'historical']);
  });

  it('returns a heartbeat when nothing happens, expires idle queues, and drops queues that fall too far behind', async () => {
    const [alice] = org.users;
    const zulip = zulipApi(cluster.apiUrl, alice.email, alice.token);
    const registered = await zulip.post('/register', { event_types: ['message'] });
    const heartbeat = await zulip.get('/events', {
      queue_id: registered.body.queue_id,
      last_event_id: registered.body.last_event_id,
    });
    expect((heartbeat.body as unknown as Events).events).toEqual([{ type: 'heartbeat', id: expect.any(Number) }]);

    const shortLived = await zulip.post('/register', { queue_lifespan_secs: 1 });
    const deadline = Date.now() + 10000;
    let answer = await zulip.get('/events', {
      queue_id: shortLived.body.queue_id,
      last_event_id: shortLived.body.last_event_id,
      dont_block: true,
    });
    while (answer.body.result === 'success' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1200));
      answer = await zulip.get('/events', {
        queue_id: shortLived.body.queue_id,
        last_event_id: shortLived.body.last_event_id,
        dont_block: true,
      });
    }
    expect(answer.body).toMatchObject({ result: 'error', code: 'BAD_EVENT_QUEUE_ID' });

    const admin = api(cluster.apiUrl, org.admin.token);
    const busy = (await admin.post<{ response: { channelID: string } }>('/channels/', { name: 'busy' })).body.response;
    const lagging = await zulip.post('/register', {});
    for (let i = 0; i < 25; i++)
      await admin.post(`/channels/${busy.channelID}/messages/`, { message: `m${i}`, topic: 't' });
    let dropped = await zulip.get('/events', {
      queue_id: lagging.body.queue_id,
      last_event_id: lagging.body.last_event_id,
      dont_block: true,
    });
    for (let i = 0; i < 50 && dropped.body.result === 'success'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      dropped = await zulip.get('/events', {
        queue_id: lagging.body.queue_id,
        last_event_id: lagging.body.last_event_id,
        dont_block: true,
      });
    }
    expect(dropped.status).toBe(400);
    expect(dropped.body).toMatchObject({ code: 'BAD_EVENT_QUEUE_ID', queue_id: lagging.body.queue_id });
    expect(String(dropped.body.msg)).toContain('too far behind');
  });

  it('bounds the live queues of one user by evicting the oldest', async () => {
    const [, bob] = org.users;
    const zulip = zulipApi(cluster.apiUrl, bob.email, bob.token);
    const queues: { queue_id: string; last_event_id: number }[] = [];
    for (let i = 0; i < 4; i++)
      queues.push(
        (await zulip.post('/register', { event_types: ['message'] })).body as unknown as {
          queue_id: string;
          last_event_id: number;
        },
      );
    const poll = (queue: { queue_id: string; last_event_id: number }) =>
      zulip.get('/events', { queue_id: queue.queue_id, last_event_id: queue.last_event_id, dont_block: true });
    expect((await poll(queues[0])).body).toMatchObject({ result: 'error', code: 'BAD_EVENT_QUEUE_ID' });
    for (const queue of queues.slice(1)) expect((await poll(queue)).body).toMatchObject({ result: 'success' });
  });
});

async function waitForEvents(
  drain: () => Promise<Events['events']>,
  done: (events: Events['events']) => boolean,
): Promise<Events['events']> {
  const seen: Events['events'] = [];
  const deadline = Date.now() + 10000;
  while (!done(seen)) {
    if (Date.now() > deadline) throw new Error(`timed out; saw ${JSON.stringify(seen)}`);
    seen.push(...(await drain()));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return seen;
}
