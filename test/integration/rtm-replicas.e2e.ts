import { httpRequest } from '../support/http';
import { encodeSlackId } from '@switchboard/contracts';
import { type TestOrg, createOrg } from '../support/admin';
import { api } from '../support/api';
import { Cluster } from '../support/cluster';
import { type Frame, RtmTestClient } from '../support/rtm-client';

type Body = { response: Record<string, string> };

describe('RTM across realtime replicas: typing, presence, failover with resume, write limits', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let channelId: string;
  let slackChannel: string;
  const clients: RtmTestClient[] = [];
  const connect = async (token: string, replica: number, resumeFrom?: string) => {
    const client = await RtmTestClient.connect(cluster.apiUrl, token, cluster.realtime[replica].port, resumeFrom);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    cluster = await Cluster.start({ realtimeReplicas: 2 });
    org = createOrg(3);
    channelId = (
      await api(cluster.apiUrl, org.admin.token).post<Body>('/channels/', {
        name: 'replicas',
        members: org.users.map((user) => user.id),
      })
    ).body.response.channelID;
    slackChannel = encodeSlackId('public', channelId);
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await cluster.stop();
  });

  it('carries typing from replica 1 to the other members on replica 2, not to the typist, never stored', async () => {
    const [typist, watcher] = org.users;
    const typing = await connect(typist.token, 0);
    const watching = await connect(watcher.token, 1);
    typing.send({ id: 5, type: 'typing', channel: slackChannel });
    expect(await watching.waitFor((frame) => frame.type === 'user_typing')).toEqual({
      type: 'user_typing',
      channel: slackChannel,
      user: encodeSlackId('user', typist.id),
    });
    typing.send({ id: 6, type: 'typing', channel: slackChannel }); // within 3 s: dropped
    expect(await typing.request({ type: 'typing', channel: encodeSlackId('public', '987654321') })).toMatchObject({
      ok: false,
      error: { code: 3 },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watching.ofType('user_typing')).toHaveLength(1);
    expect(typing.ofType('user_typing')).toHaveLength(0);
    const history = await api(cluster.apiUrl, watcher.token).get<{ response: { messages: unknown[] } }>(
      `/channels/${channelId}/messages/`,
    );
    expect(history.body.response.messages).toEqual([]);
  });

  it('shows presence changes of a user on replica 1 to a subscriber on replica 2, in both presence_change forms', async () => {
    const [, , subject] = org.users;
    const subscriberUrl = await RtmTestClient.ticketUrl(cluster.apiUrl, org.admin.token, cluster.realtime[1].port);
    const batched = await RtmTestClient.open(subscriberUrl);
    clients.push(batched);
    await batched.waitFor((frame) => frame.type === 'hello');
    batched.send({ type: 'presence_sub', ids: [encodeSlackId('user', subject.id)] });
    await batched.waitFor((frame) => frame.type === 'presence_change' && frame.presence === 'away');

    const socket = await connect(subject.token, 0);
    await batched.waitFor(
      (frame) =>
        frame.type === 'presence_change' &&
        frame.presence === 'active' &&
        frame.user === encodeSlackId('user', subject.id),
    );
    socket.close();
    await batched.waitFor(
      (frame) =>
        frame.type === 'presence_change' && frame.presence === 'away' && batched.ofType('presence_change').length >= 3,
    );

    const query = await connect(org.admin.token, 0);
    query.send({
      type: 'presence_query',
      ids: [encodeSlackId('user', subject.id), encodeSlackId('user', org.admin.id)],
    });
    await query.waitFor(
      (frame) =>
        frame.type === 'presence_change' &&
        frame.user === encodeSlackId('user', org.admin.id) &&
        frame.presence === 'active',
    );
    expect(await query.request({ type: 'presence_sub', ids: 'everyone' })).toMatchObject({
      ok: false,
      error: { code: 1 },
    });

    const response = await httpRequest(`${cluster.apiUrl}/api/rtm.connect?batch_presence_aware=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.admin.token}` },
    });
    const batchedUrl = new URL((JSON.parse(response.text) as { url: string }).url);
    batchedUrl.port = String(cluster.realtime[1].port);
    const batchAware = await RtmTestClient.open(batchedUrl.toString());
    clients.push(batchAware);
    batchAware.send({ type: 'presence_sub', ids: [encodeSlackId('user', subject.id)] });
    expect(await batchAware.waitFor((frame) => frame.type === 'presence_change')).toEqual({
      type: 'presence_change',
      users: [encodeSlackId('user', subject.id)],
      presence: 'away',
    });
  });

  it('refuses more than about one message per second with an error, then closes a client that keeps going', async () => {
    const flooder = await connect(org.users[0].token, 0);
    const replies: Frame[] = [];
    for (let i = 0; i < 8; i++)
      replies.push(await flooder.request({ type: 'message', channel: slackChannel, text: `flood ${i}` }));
    expect(replies.filter((reply) => reply.ok === true).length).toBeLessThanOrEqual(6);
    expect(replies.some((reply) => (reply.error as Frame | undefined)?.msg === 'ratelimited')).toBe(true);
    for (let i = 0; i < 12; i++) flooder.send({ id: 100 + i, type: 'message', channel: slackChannel, text: 'more' });
    expect((await flooder.closed).code).toBe(1008);
  });

  it('sends goodbye when replica 1 stops; the client resumes on replica 2 and misses nothing', async () => {
    const [member] = org.users;
    const poster = api(cluster.apiUrl, org.admin.token);
    const before = await connect(member.token, 0);
    await poster.post(`/channels/${channelId}/messages/`, { message: 'before the restart' });
    const seen = await before.waitFor((frame) => frame.text === 'before the restart');
    const lastEventId = String(seen.sb_event_id);

    const stopping = cluster.realtime[0].stop('SIGTERM');
    await before.waitFor((frame) => frame.type === 'goodbye');
    await before.closed;
    await stopping;
    const missed = ['while away 1', 'while away 2', 'while away 3'];
    for (const text of missed) await poster.post(`/channels/${channelId}/messages/`, { message: text });

    const after = await connect(member.token, 1, lastEventId);
    const resumed = await after.waitFor((frame) => frame.type === 'resumed');
    expect(resumed).toMatchObject({ from: lastEventId });
    await poster.post(`/channels/${channelId}/messages/`, { message: 'live again' });
    await after.waitFor((frame) => frame.text === 'live again');
    const texts = after.ofType('message').map((frame) => frame.text);
    expect(
      texts.filter((text) => text !== undefined && String(text).startsWith('flood') === false && text !== 'more'),
    ).toEqual([...missed, 'live again']);
    expect(after.frames.findIndex((frame) => frame.type === 'hello')).toBe(0);

    const tooOld = await connect(member.token, 1, '0');
    expect((await tooOld.waitFor((frame) => frame.type === 'resumed' || frame.type === 'resume_failed')).type).toBe(
      'resumed',
    );
  });
});
