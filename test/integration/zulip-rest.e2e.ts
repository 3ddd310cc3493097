import { api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { type ZulipApi, zulipApi } from '../support/zulip';

type Channel = { channelID: string; zulipID: number; name: string };
type ZulipMessage = {
  id: number;
  content: string;
  subject: string;
  type: string;
  display_recipient: unknown;
  sender_email: string;
  stream_id?: number;
};

describe('the Zulip REST dialect', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let alice: ZulipApi;
  let bob: ZulipApi;
  let carol: ZulipApi;
  let general: Channel;
  let secret: Channel;

  beforeAll(async () => {
    org = createOrg(3);
    cluster = await Cluster.start();
    const [a, b, c] = org.users;
    alice = zulipApi(cluster.apiUrl, a.email, a.token);
    bob = zulipApi(cluster.apiUrl, b.email, b.token);
    carol = zulipApi(cluster.apiUrl, c.email, c.token);
    const admin = api(cluster.apiUrl, org.admin.token);
    general = (await admin.post<{ response: Channel }>('/channels/', { name: 'general', members: [a.id, b.id] })).body
      .response;
    secret = (
      await admin.post<{ response: Channel }>('/channels/', { name: 'secret', type: 'private', members: [a.id] })
    ).body.response;
  });

  afterAll(async () => {
    await cluster.stop();
  });

  it('sends channel messages with a topic (form, multipart and JSON bodies) and reads them back with narrows and anchors', async () => {
    const form = await alice.post('/messages', { type: 'stream', to: 'general', topic: 'lunch', content: 'pizza?' });
    expect(form.body).toMatchObject({ result: 'success', id: expect.any(Number) });
    const multipart = new FormData();
    for (const [key, value] of Object.entries({
      type: 'channel',
      to: String(general.zulipID),
      subject: 'lunch',
      content: 'sushi!',
    }))
      multipart.append(key, value);
    const viaMultipart = await fetch(`${cluster.apiUrl}/api/v1/messages`, {
      method: 'POST',
      body: multipart,
      headers: {
        authorization: `Basic ${Buffer.from(`${org.users[1].email}:${org.users[1].token}`).toString('base64')}`,
      },
    });
    expect(await viaMultipart.json()).toMatchObject({ result: 'success' });
    const viaJson = await alice.post('/messages', {}, {});
    expect(viaJson.status).toBe(400);
    expect(viaJson.body).toMatchObject({
      result: 'error',
      code: 'BAD_REQUEST',
      msg: "Missing 'type' argument",
      var_name: 'type',
    });
    await alice.post('/messages', { type: 'stream', to: 'general', topic: 'other', content: 'unrelated' });

    const lunch = await alice.get('/messages', {
      anchor: 'newest',
      num_before: 10,
      num_after: 0,
      narrow: [
        ['channel', 'general'],
        ['topic', 'lunch'],
      ],
      apply_markdown: false,
    });
    expect(lunch.body).toMatchObject({ result: 'success', found_newest: true, found_oldest: true });
    const messages = lunch.body.messages as ZulipMessage[];
    expect(
      messages.map((message) => [message.content, message.subject, message.display_recipient, message.stream_id]),
    ).toEqual([
      ['pizza?', 'lunch', 'general', general.zulipID],
      ['sushi!', 'lunch', 'general', general.zulipID],
    ]);
    const after = await alice.get('/messages', {
      anchor: messages[0].id,
      num_before: 0,
      num_after: 5,
      include_anchor: false,
      apply_markdown: false,
      narrow: [{ operator: 'sender', operand: org.users[1].email, negated: true }],
    });
    expect((after.body.messages as ZulipMessage[]).map((message) => message.content)).toEqual(['unrelated']);
    const html = await alice.get(`/messages/${messages[0].id}`);
    expect(html.body).toMatchObject({
      result: 'success',
      raw_content: 'pizza?',
      message: { content: '<p>pizza?</p>', subject: 'lunch' },
    });
    // The Messaging REST API shows the topic too.
    const rest = await api(cluster.apiUrl, org.users[0].token).get<{
      response: { messages: { message: string; topic: string }[] };
    }>(`/channels/${general.channelID}/messages/`);
    expect(rest.body.response.messages.find((message) => message.message === 'pizza?')?.topic).toBe('lunch');
  });

  it('sends direct messages by email or id, reusing the conversation, and only its participants read them', async () => {
    const [, b] = org.users;
    const first = await alice.post('/messages', { type: 'private', to: [b.email], content: 'psst' });
    expect(first.body).toMatchObject({ result: 'success' });
    const bobProfile = await bob.get('/users/me');
    const second = await alice.post('/messages', {
      type: 'direct',
      to: JSON.stringify([bobProfile.body.user_id]),
      content: 'again',
    });
    expect(second.body).toMatchObject({ result: 'success' });
    const dms = await bob.get('/messages', {
      anchor: 'newest',
      num_before: 10,
      narrow: [['is', 'dm']],
      apply_markdown: false,
    });
    const list = dms.body.messages as ZulipMessage[];
    expect(list.map((message) => message.content)).toEqual(['psst', 'again']);
    expect(list[0]).toMatchObject({ type: 'private', subject: '' });
    expect((list[0].display_recipient as { email: string }[]).map((recipient) => recipient.email).sort()).toEqual(
      [org.users[0].email, b.email].sort(),
    );
    const withAlice = await bob.get('/messages', {
      anchor: 'newest',
      num_before: 10,
      narrow: [['dm', org.users[0].email]],
    });
    expect((withAlice.body.messages as ZulipMessage[]).length).toBe(2);
    expect((await carol.get(`/messages/${list[0].id}`)).body).toMatchObject({ result: 'error', code: 'BAD_REQUEST' });
    expect(
      (await carol.get('/messages', { anchor: 'newest', num_before: 10, narrow: [['is', 'dm']] })).body.messages,
    ).toEqual([]);
    expect(
      (await alice.post('/messages', { type: 'private', to: ['nobody@example.test'], content: 'x' })).body,
    ).toMatchObject({ result: 'error', code: 'BAD_REQUEST' });
  });

  it('edits and deletes messages; others cannot; private channels stay hidden', async () => {
    const sent = await alice.post('/messages', { type: 'stream', to: 'secret', topic: 'plans', content: 'draft' });
    const id = sent.body.id as number;
    expect((await alice.patch(`/messages/${id}`, { content: 'final', topic: 'decisions' })).body).toEqual({
      result: 'success',
      msg: '',
    });
    expect((await alice.get(`/messages/${id}`, { apply_markdown: false })).body).toMatchObject({
      message: { content: 'final', subject: 'decisions' },
    });
    expect((await bob.patch(`/messages/${id}`, { content: 'hacked' })).body).toMatchObject({
      result: 'error',
      code: 'BAD_REQUEST',
    });
    expect(
      (await bob.post('/messages', { type: 'stream', to: 'secret', topic: 'x', content: 'let me in' })).body,
    ).toMatchObject({ result: 'error', code: 'STREAM_DOES_NOT_EXIST' });
    expect(
      (await bob.get('/messages', { anchor: 'newest', num_before: 5, narrow: [['channel', 'secret']] })).body.messages,
    ).toEqual([]);
    expect((await alice.patch(`/messages/${id}`, {})).status).toBe(400);
    expect((await alice.patch('/messages/abc', { content: 'x' })).body).toMatchObject({
      result: 'error',
      code: 'BAD_REQUEST',
    });
    expect((await bob.delete(`/messages/${id}`)).body).toMatchObject({ result: 'error' });
    expect((await alice.delete(`/messages/${id}`)).body).toEqual({ result: 'success', msg: '' });
    expect((await alice.get(`/messages/${id}`)).body).toMatchObject({ result: 'error', code: 'BAD_REQUEST' });
    expect((await alice.get('/messages', { narrow: '[["bogus","x"]]' })).body).toMatchObject({
      result: 'error',
      code: 'BAD_NARROW',
    });
    expect((await alice.get('/messages', { anchor: 'sideways' })).body).toMatchObject({
      result: 'error',
      code: 'BAD_REQUEST',
    });
  });

  it('lists users, streams and subscriptions; subscribes (creating channels) and unsubscribes', async () => {
    const users = await alice.get('/users');
    expect((users.body.members as { email: string }[]).map((user) => user.email)).toEqual(
      expect.arrayContaining(org.users.map((user) => user.email)),
    );
    const streams = (await bob.get('/streams')).body.streams as { name: string }[];
    expect(streams.map((stream) => stream.name)).toContain('general');
    expect(streams.map((stream) => stream.name)).not.toContain('secret');
    expect((await alice.get('/get_stream_id', { stream: 'SECRET' })).body).toMatchObject({
      result: 'success',
      stream_id: secret.zulipID,
    });
    expect((await bob.get('/get_stream_id', { stream: 'secret' })).body).toMatchObject({
      result: 'error',
      code: 'STREAM_DOES_NOT_EXIST',
    });
    expect((await bob.get('/get_stream_id')).body).toMatchObject({ result: 'error', var_name: 'stream' });

    const topics = await alice.get(`/users/me/${general.zulipID}/topics`);
    expect((topics.body.topics as { name: string; max_id: number }[]).map((topic) => topic.name)).toEqual(
      expect.arrayContaining(['lunch', 'other']),
    );
    expect((await bob.get(`/users/me/${secret.zulipID}/topics`)).body).toMatchObject({
      result: 'error',
      code: 'STREAM_DOES_NOT_EXIST',
    });

    const joined = await carol.post('/users/me/subscriptions', {
      subscriptions: [{ name: 'general' }, { name: 'brand-new', description: 'made by carol' }],
    });
    expect(joined.body).toMatchObject({
      result: 'success',
      subscribed: { [org.users[2].email]: ['general', 'brand-new'] },
    });
    const again = await carol.post('/users/me/subscriptions', { subscriptions: [{ name: 'general' }] });
    expect(again.body).toMatchObject({ already_subscribed: { [org.users[2].email]: ['general'] } });
    const subscriptions = (await carol.get('/users/me/subscriptions')).body.subscriptions as {
      name: string;
      subscribers: number[];
      description: string;
    }[];
    expect(subscriptions.map((sub) => sub.name).sort()).toEqual(['brand-new', 'general']);
    expect(subscriptions.find((sub) => sub.name === 'general')?.subscribers).toHaveLength(4);
    expect((await carol.post('/users/me/subscriptions', { subscriptions: [{ name: 'secret' }] })).body).toMatchObject({
      result: 'error',
    });
    expect((await carol.post('/users/me/subscriptions', { subscriptions: 'nope' })).body).toMatchObject({
      result: 'error',
      code: 'BAD_REQUEST',
    });
    expect((await carol.delete('/users/me/subscriptions', { subscriptions: ['brand-new'] })).body).toEqual({
      result: 'success',
      msg: '',
      removed: ['brand-new'],
      not_removed: [],
    });
  });

  it('serves server_settings without auth and answers unknown endpoints and bad bodies in the Zulip shape', async () => {
    const settings = await zulipApi(cluster.apiUrl).get('/server_settings');
    expect(settings.body).toMatchObject({ result: 'success', zulip_feature_level: expect.any(Number) });
    const unknown = await alice.get('/no/such/endpoint');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ result: 'error' });
    const badJson = await fetch(`${cluster.apiUrl}/api/v1/messages`, {
      method: 'POST',
      body: '{oops',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${org.users[0].email}:${org.users[0].token}`).toString('base64')}`,
      },
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ result: 'error', code: 'INVALID_JSON' });
    const noAuth = await zulipApi(cluster.apiUrl).get('/users/me');
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get('www-authenticate')).toBe('Basic realm="zulip"');
    expect(noAuth.body).toMatchObject({ result: 'error', code: 'UNAUTHORIZED' });
    const wrongEmail = await zulipApi(cluster.apiUrl, org.users[1].email, org.users[0].token).get('/users/me');
    expect(wrongEmail.status).toBe(401);
    expect(wrongEmail.body).toMatchObject({ code: 'INVALID_API_KEY' });
  });
});
