import { httpRequest } from '../support/http';
import { encodeSlackId } from '@switchboard/contracts';
import { api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { type Frame, RtmTestClient } from '../support/rtm-client';

type Body = { response: Record<string, string> };

describe('REST → outbox → Redis → RTM sockets on two realtime replicas', () => {
  let cluster: Cluster;
  let org: TestOrg;
  const clients: RtmTestClient[] = [];
  const connect = async (token: string, replica: 0 | 1) => {
    const client = await RtmTestClient.connect(cluster.apiUrl, token, cluster.realtime[replica].port);
    clients.push(client);
    return client;
  };
  const messagesIn = (client: RtmTestClient, slackChannel: string) =>
    client.frames.filter(
      (frame) => frame.type === 'message' && frame.subtype === undefined && frame.channel === slackChannel,
    );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

  beforeAll(async () => {
    // The CLI blocks the event loop: create the organisation first, so no idle keep-alive socket goes stale meanwhile.
    org = createOrg(3);
    cluster = await Cluster.start({ realtimeReplicas: 2 });
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await cluster.stop();
  });

  it('delivers REST posts to members on both replicas, in order, exactly once, and nothing to non-members', async () => {
    const [a, b, outsider] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const created = await admin.post<Body>('/channels/', {
      name: 'secret-plans',
      type: 'private',
      members: [a.id, b.id],
    });
    expect(created.status).toBe(200);
    const channel = created.body.response;
    const slackChannel = encodeSlackId('private', channel.channelID);

    const onReplica1 = await connect(a.token, 0);
    const onReplica2 = await connect(b.token, 1);
    const outsider1 = await connect(outsider.token, 0);
    const outsider2 = await connect(outsider.token, 1);

    const texts = Array.from({ length: 8 }, (_, i) => `message ${i}`);
    for (const text of texts)
      expect((await admin.post(`/channels/${channel.channelID}/messages/`, { message: text })).status).toBe(200);

    for (const client of [onReplica1, onReplica2]) {
      await client.waitUntil(() => messagesIn(client, slackChannel).length >= texts.length, 10000, 'all messages');
    }
    await settle();
    for (const client of [onReplica1, onReplica2]) {
      const received = messagesIn(client, slackChannel);
      expect(received.map((frame) => frame.text)).toEqual(texts);
      expect(
        received.every((frame) => frame.user === encodeSlackId('user', org.admin.id) && typeof frame.ts === 'string'),
      ).toBe(true);
    }
    for (const client of [outsider1, outsider2]) {
      expect(
        client.frames.filter(
          (frame) => frame.channel === slackChannel || JSON.stringify(frame).includes(channel.channelID),
        ),
      ).toEqual([]);
    }
  });

  it('acks a message sent over the socket and shows it in the channel history', async () => {
    const [a, b] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const channel = (await admin.post<Body>('/channels/', { name: 'rtm-send', members: [a.id, b.id] })).body.response;
    const slackChannel = encodeSlackId('public', channel.channelID);
    const sender = await connect(a.token, 0);
    const reader = await connect(b.token, 1);

    const ack = await sender.request({ type: 'message', channel: slackChannel, text: 'sent over RTM' });
    expect(ack).toMatchObject({ ok: true, text: 'sent over RTM' });
    expect(ack.ts).toMatch(/^\d+\.\d{6}$/);

    const history = await api(cluster.apiUrl, b.token).get<{ response: { messages: Record<string, string>[] } }>(
      `/channels/${channel.channelID}/messages/`,
    );
    expect(history.status).toBe(200);
    expect(history.body.response.messages[0]).toMatchObject({ message: 'sent over RTM', ts: ack.ts, userID: a.id });
    await reader.waitFor((frame) => frame.type === 'message' && frame.ts === ack.ts && frame.text === 'sent over RTM');
  });

  it('streams edits, deletions, thread replies and membership changes in Slack shapes', async () => {
    const [a, b] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const watcher = await connect(a.token, 1);
    const newcomer = await connect(b.token, 0);

    const channel = (await admin.post<Body>('/channels/', { name: 'lifecycle', members: [a.id] })).body.response;
    const slackChannel = encodeSlackId('public', channel.channelID);
    await watcher.waitFor((frame) => frame.type === 'channel_joined' && (frame.channel as Frame).id === slackChannel);
    await newcomer.waitFor((frame) => frame.type === 'channel_created' && (frame.channel as Frame).id === slackChannel);

    const root = (await admin.post<Body>(`/channels/${channel.channelID}/messages/`, { message: 'root' })).body
      .response;
    const reply = (
      await admin.post<Body>(`/channels/${channel.channelID}/messages/${root.messageID}/replies`, {
        message: 'in thread',
      })
    ).body.response;
    expect(reply.replyTo).toBe(root.messageID);
    await watcher.waitFor(
      (frame) => frame.type === 'message' && frame.text === 'in thread' && frame.thread_ts === root.ts,
    );

    expect(
      (await admin.put(`/channels/${channel.channelID}/messages/${root.messageID}`, { message: 'root, edited' }))
        .status,
    ).toBe(200);
    const changed = await watcher.waitFor((frame) => frame.subtype === 'message_changed');
    expect(changed).toMatchObject({
      type: 'message',
      channel: slackChannel,
      message: { text: 'root, edited', ts: root.ts },
      previous_message: { text: 'root' },
    });

    expect((await admin.delete(`/channels/${channel.channelID}/messages/${reply.messageID}`)).status).toBe(200);
    await watcher.waitFor((frame) => frame.subtype === 'message_deleted' && frame.deleted_ts === reply.ts);
    const thread = await admin.get<{ response: Record<string, unknown>[] }>(
      `/channels/${channel.channelID}/messages/${root.messageID}/replies`,
    );
    expect(thread.body.response).toEqual([expect.objectContaining({ messageID: root.messageID })]);
    expect(thread.body.response[0]).not.toHaveProperty('replies'); // no replies left: left out, as Corteza does

    expect((await admin.put(`/channels/${channel.channelID}/members/${b.id}`)).status).toBe(200);
    await newcomer.waitFor((frame) => frame.type === 'channel_joined' && (frame.channel as Frame).id === slackChannel);
    await watcher.waitFor(
      (frame) =>
        frame.type === 'member_joined_channel' &&
        frame.user === encodeSlackId('user', b.id) &&
        frame.inviter === encodeSlackId('user', org.admin.id),
    );
    await admin.post(`/channels/${channel.channelID}/messages/`, { message: 'welcome' });
    await newcomer.waitFor((frame) => frame.type === 'message' && frame.text === 'welcome');

    expect((await admin.delete(`/channels/${channel.channelID}/members/${b.id}`)).status).toBe(200);
    await newcomer.waitFor((frame) => frame.type === 'channel_left' && frame.channel === slackChannel);
    await watcher.waitFor(
      (frame) => frame.type === 'member_left_channel' && frame.user === encodeSlackId('user', b.id),
    );
    await admin.post(`/channels/${channel.channelID}/messages/`, { message: 'after you left' });
    await watcher.waitFor((frame) => frame.text === 'after you left');
    await settle();
    expect(newcomer.frames.some((frame) => frame.text === 'after you left')).toBe(false);
  });

  it('answers pings, echoing flat fields', async () => {
    const client = await connect(org.users[0].token, 0);
    const pong = await client.request({ type: 'ping', time: 1403299273342, note: 'x', nested: { dropped: true } });
    expect(pong).toEqual({ type: 'pong', reply_to: expect.any(Number), time: 1403299273342, note: 'x' });
  });

  it('refuses a socket URL used twice', async () => {
    const url = await RtmTestClient.ticketUrl(cluster.apiUrl, org.users[0].token, cluster.realtime[1].port);
    const first = await RtmTestClient.open(url);
    await first.waitFor((frame) => frame.type === 'hello');
    first.close();
    const second = await RtmTestClient.open(url);
    await second.waitFor((frame) => frame.type === 'error');
    expect(second.frames[0]).toEqual({ type: 'error', error: { code: 1, msg: 'Socket URL has expired' } });
    expect((await second.closed).code).toBe(4001);
  });

  it('answers bad frames with Slack-shaped errors and survives them', async () => {
    const [a] = org.users;
    const client = await connect(a.token, 0);
    client.send('this is not json');
    await client.waitFor((frame) => frame.type === 'error' && (frame.error as Frame).code === 1);
    expect(await client.request({ type: 'launch_rockets' })).toMatchObject({ ok: false, error: { code: 8 } });
    expect(await client.request({ type: 'message', channel: 'CNOTACHANNEL0', text: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 3, msg: 'channel_not_found' },
    });
    expect(
      await client.request({ type: 'message', channel: encodeSlackId('public', '1234567'), text: 'hi' }),
    ).toMatchObject({ ok: false, error: { code: 3 } });
    const channel = (await api(cluster.apiUrl, org.admin.token).post<Body>('/channels/', { name: 'not-joined' })).body
      .response;
    expect(
      await client.request({ type: 'message', channel: encodeSlackId('public', channel.channelID), text: 'hi' }),
    ).toMatchObject({ ok: false, error: { code: 4, msg: 'not_in_channel' } });
    expect(
      await client.request({ type: 'message', channel: encodeSlackId('public', channel.channelID) }),
    ).toMatchObject({ ok: false, error: { code: 2 } });
    expect((await client.request({ type: 'ping' })).type).toBe('pong');

    client.send({ type: 'message', channel: 'C1', text: 'x'.repeat(17 * 1024), id: 99 });
    expect((await client.closed).code).toBe(1009);
    const replica = await httpRequest(`${cluster.realtime[0].url}/health/ready`);
    expect(replica.status).toBe(200);
  });

  it('says goodbye and closes sockets when a replica shuts down gracefully', async () => {
    const client = await connect(org.users[1].token, 1);
    const exit = cluster.realtime[1].stop('SIGTERM');
    await client.waitFor((frame) => frame.type === 'goodbye');
    expect((await client.closed).code).toBe(1012);
    expect(await exit).toBe(0);
  });
});
