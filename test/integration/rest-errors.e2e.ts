import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';

type Body = { response: Record<string, string>; error?: { code: string; message: string } };
const FAKE_ID = '123456789012345678';

describe('Messaging REST: every bad input gets a 4xx in the documented error shape', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let admin: Api;
  let member: Api;
  let outsider: Api;
  let publicId: string;
  let privateId: string;
  let messageId: string;

  const expectError = async (promise: Promise<{ status: number; body: unknown }>, status: number, code: string) => {
    const { status: actual, body } = await promise;
    expect({ status: actual, code: (body as Body).error?.code }).toEqual({ status, code });
    expect(typeof (body as Body).error?.message).toBe('string');
  };

  beforeAll(async () => {
    // The CLI blocks the event loop: create the organisation first, so no idle keep-alive socket goes stale meanwhile.
    org = createOrg(2);
    cluster = await Cluster.start();
    admin = api(cluster.apiUrl, org.admin.token);
    member = api(cluster.apiUrl, org.users[0].token);
    outsider = api(cluster.apiUrl, org.users[1].token);
    publicId = (await admin.post<Body>('/channels/', { name: 'errors-public', members: [org.users[0].id] })).body
      .response.channelID;
    privateId = (
      await admin.post<Body>('/channels/', { name: 'errors-private', type: 'private', members: [org.users[0].id] })
    ).body.response.channelID;
    messageId = (await admin.post<Body>(`/channels/${publicId}/messages/`, { message: 'by admin' })).body.response
      .messageID;
  });

  afterAll(() => cluster.stop());

  describe('authentication', () => {
    it.each([
      ['no credentials', {}, 401, 'not_authenticated'],
      ['unknown token', { authorization: 'Bearer sbt_' + 'x'.repeat(43) }, 401, 'invalid_token'],
      ['garbage token', { authorization: 'Bearer nope' }, 401, 'invalid_token'],
      ['unsupported scheme', { authorization: 'Digest abc' }, 401, 'not_authenticated'],
      ['malformed basic', { authorization: 'Basic !!!' }, 401, 'not_authenticated'],
    ])('%s', async (_label, headers, status, code) => {
      await expectError(
        api(cluster.apiUrl).call('GET', '/channels/', undefined, headers as Record<string, string>),
        status,
        code,
      );
    });

    it('accepts HTTP Basic email:api_key, and refuses a key under someone else’s email', async () => {
      const basic = (email: string) => ({
        authorization: `Basic ${Buffer.from(`${email}:${org.users[0].token}`).toString('base64')}`,
      });
      expect((await api(cluster.apiUrl).call('GET', '/channels/', undefined, basic(org.users[0].email))).status).toBe(
        200,
      );
      await expectError(
        api(cluster.apiUrl).call('GET', '/channels/', undefined, basic(org.admin.email)),
        401,
        'invalid_token',
      );
    });
  });

  describe('channels', () => {
    it.each([
      ['malformed JSON', '{"name": ', 400, 'invalid_json'],
      ['name of the wrong type', { name: 5 }, 400, 'validation_failed'],
      ['unknown type', { name: 'x1', type: 'secret' }, 400, 'validation_failed'],
      ['over-long name', { name: 'n'.repeat(81) }, 400, 'validation_failed'],
      ['public channel without a name', { topic: 'no name' }, 400, 'validation_failed'],
      ['members that are not ids', { name: 'x2', members: ['abc'] }, 400, 'validation_failed'],
      ['unknown member', { name: 'x3', members: [FAKE_ID] }, 404, 'user_not_found'],
      ['group without members', { type: 'group' }, 400, 'validation_failed'],
      ['taken name, other case', { name: 'ERRORS-PUBLIC' }, 409, 'name_taken'],
    ])('create: %s', async (_label, body, status, code) => {
      await expectError(admin.post('/channels/', body), status, code);
    });

    it('leaves nothing behind when creation fails', async () => {
      await admin.post('/channels/', { name: 'half-made', members: [org.users[0].id, FAKE_ID] });
      const list = await admin.get<{ response: { name: string }[] }>('/channels/?query=half-made');
      expect(list.body.response).toEqual([]);
    });

    it.each([
      ['id that is not a number', () => member.get('/channels/abc'), 400, 'bad_request'],
      ['id beyond 64 bits', () => member.get('/channels/99999999999999999999'), 400, 'bad_request'],
      ['unknown id', () => member.get(`/channels/${FAKE_ID}`), 404, 'channel_not_found'],
      ['private channel, not a member', () => outsider.get(`/channels/${privateId}`), 404, 'channel_not_found'],
      [
        'members of a private channel, not a member',
        () => outsider.get(`/channels/${privateId}/members`),
        404,
        'channel_not_found',
      ],
      ['update by a plain member', () => member.put(`/channels/${publicId}`, { topic: 'mine now' }), 403, 'forbidden'],
      [
        'update with a wrong type',
        () => admin.put(`/channels/${publicId}`, { topic: ['a'] }),
        400,
        'validation_failed',
      ],
      [
        'move to another organisation',
        () => admin.put(`/channels/${publicId}`, { organisationID: FAKE_ID }),
        403,
        'forbidden',
      ],
      [
        'join a private channel uninvited',
        () => outsider.put(`/channels/${privateId}/members/${org.users[1].id}`),
        404,
        'channel_not_found',
      ],
      ['add an unknown user', () => admin.put(`/channels/${publicId}/members/${FAKE_ID}`), 404, 'user_not_found'],
      [
        'remove someone as a plain member',
        () => member.delete(`/channels/${publicId}/members/${org.admin.id}`),
        403,
        'forbidden',
      ],
      ['remove a non-member', () => admin.delete(`/channels/${publicId}/members/${org.users[1].id}`), 404, 'not_found'],
      ['invite without userID', () => admin.post(`/channels/${publicId}/invite`, {}), 400, 'validation_failed'],
      ['invite non-ids', () => admin.post(`/channels/${publicId}/invite`, { userID: ['x'] }), 400, 'validation_failed'],
      [
        'invite to a private channel by an outsider',
        () => outsider.post(`/channels/${privateId}/invite`, { userID: [org.users[1].id] }),
        404,
        'channel_not_found',
      ],
    ])('%s', async (_label, call, status, code) => {
      await expectError(call(), status, code);
    });

    it('invites all or none', async () => {
      await expectError(
        admin.post(`/channels/${publicId}/invite`, { userID: [org.users[1].id, FAKE_ID] }),
        404,
        'user_not_found',
      );
      const members = await admin.get<{ response: { userID: string }[] }>(`/channels/${publicId}/members`);
      expect(members.body.response.map((m) => m.userID)).not.toContain(org.users[1].id);
    });

    it('accepts urlencoded forms with repeated keys for []string parameters', async () => {
      const form = `name=form-made&type=private&members=${org.users[0].id}&members=${org.users[1].id}`;
      const created = await admin.post<Body>('/channels/', form, {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(created.status).toBe(200);
      const members = await admin.get<{ response: { userID: string }[] }>(
        `/channels/${created.body.response.channelID}/members`,
      );
      expect(members.body.response.map((m) => m.userID).sort()).toEqual(
        [org.admin.id, org.users[0].id, org.users[1].id].sort(),
      );
    });
  });

  describe('messages', () => {
    it.each([
      ['no message field', () => member.post(`/channels/${publicId}/messages/`, {}), 400, 'validation_failed'],
      [
        'message of the wrong type',
        () => member.post(`/channels/${publicId}/messages/`, { message: 42 }),
        400,
        'validation_failed',
      ],
      [
        'only whitespace',
        () => member.post(`/channels/${publicId}/messages/`, { message: '   ' }),
        400,
        'validation_failed',
      ],
      [
        'over-long text',
        () => member.post(`/channels/${publicId}/messages/`, { message: 'x'.repeat(10001) }),
        400,
        'validation_failed',
      ],
      [
        'body over the size limit',
        () => member.post(`/channels/${publicId}/messages/`, { message: 'x'.repeat(2 * 1024 * 1024) }),
        413,
        'payload_too_large',
      ],
      [
        'unknown channel',
        () => member.post(`/channels/${FAKE_ID}/messages/`, { message: 'hi' }),
        404,
        'channel_not_found',
      ],
      [
        'public channel, not a member',
        () => outsider.post(`/channels/${publicId}/messages/`, { message: 'hi' }),
        403,
        'not_a_member',
      ],
      [
        'private channel, not a member',
        () => outsider.post(`/channels/${privateId}/messages/`, { message: 'hi' }),
        404,
        'channel_not_found',
      ],
      [
        'edit someone else’s message',
        () => member.put(`/channels/${publicId}/messages/${messageId}`, { message: 'mine' }),
        403,
        'forbidden',
      ],
      [
        'edit an unknown message',
        () => admin.put(`/channels/${publicId}/messages/${FAKE_ID}`, { message: 'x' }),
        404,
        'message_not_found',
      ],
      [
        'edit a message through the wrong channel',
        () => admin.put(`/channels/${privateId}/messages/${messageId}`, { message: 'x' }),
        404,
        'message_not_found',
      ],
      [
        'delete someone else’s message',
        () => member.delete(`/channels/${publicId}/messages/${messageId}`),
        403,
        'forbidden',
      ],
      [
        'reply to an unknown message',
        () => member.post(`/channels/${publicId}/messages/${FAKE_ID}/replies`, { message: 'x' }),
        404,
        'message_not_found',
      ],
      ['history with limit 0', () => member.get(`/channels/${publicId}/messages/?limit=0`), 400, 'validation_failed'],
      [
        'history with a non-numeric limit',
        () => member.get(`/channels/${publicId}/messages/?limit=lots`),
        400,
        'validation_failed',
      ],
      [
        'history with a bad cursor',
        () => member.get(`/channels/${publicId}/messages/?beforeMessageID=yesterday`),
        400,
        'validation_failed',
      ],
      [
        'history of a private channel, not a member',
        () => outsider.get(`/channels/${privateId}/messages/`),
        404,
        'channel_not_found',
      ],
      ['an unknown route', () => member.get('/no/such/route'), 404, 'not_found'],
    ])('%s', async (_label, call, status, code) => {
      await expectError(call(), status, code);
    });

    it('pages through history newest first', async () => {
      const channel = (await admin.post<Body>('/channels/', { name: 'paging' })).body.response.channelID;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push(
          (await admin.post<Body>(`/channels/${channel}/messages/`, { message: `m${i}` })).body.response.messageID,
        );
      type Page = { response: { messages: { messageID: string }[]; hasMore: boolean } };
      const first = await admin.get<Page>(`/channels/${channel}/messages/?limit=2`);
      expect(first.body.response.messages.map((m) => m.messageID)).toEqual([ids[4], ids[3]]);
      expect(first.body.response.hasMore).toBe(true);
      const older = await admin.get<Page>(`/channels/${channel}/messages/?limit=10&beforeMessageID=${ids[3]}`);
      expect(older.body.response.messages.map((m) => m.messageID)).toEqual([ids[2], ids[1], ids[0]]);
      expect(older.body.response.hasMore).toBe(false);
      const newer = await admin.get<Page>(`/channels/${channel}/messages/?limit=2&afterMessageID=${ids[0]}`);
      expect(newer.body.response.messages.map((m) => m.messageID)).toEqual([ids[2], ids[1]]);
    });
  });

  describe('rtm.connect in the Slack dialect', () => {
    it.each([
      ['no token', {}, undefined, 'not_authed'],
      ['bad token', { authorization: 'Bearer xoxb-nope' }, undefined, 'invalid_auth'],
      [
        'bad token in a form',
        { 'content-type': 'application/x-www-form-urlencoded' },
        'token=xoxb-nope',
        'invalid_auth',
      ],
      ['malformed JSON', { 'content-type': 'application/json' }, '{', 'invalid_json'],
    ])('%s → HTTP 200 {ok:false}', async (_label, headers, body, error) => {
      const response = await api(cluster.apiUrl).call(
        'POST',
        '/api/rtm.connect',
        body,
        headers as Record<string, string>,
      );
      expect(response).toMatchObject({ status: 200, body: { ok: false, error } });
    });

    it.each([
      ['GET with the token in the query', 'GET', `?token=TOKEN&batch_presence_aware=1`, undefined, {}],
      [
        'POST form with the token in the body',
        'POST',
        '',
        'token=TOKEN&presence_sub=false',
        { 'content-type': 'application/x-www-form-urlencoded' },
      ],
      ['POST JSON with the token in the body', 'POST', '', '{"token":"TOKEN"}', { 'content-type': 'application/json' }],
      [
        'rtm.start answered like rtm.connect',
        'POST',
        '',
        'token=TOKEN',
        { 'content-type': 'application/x-www-form-urlencoded' },
      ],
    ])('%s', async (label, method, query, body, headers) => {
      const path = label.startsWith('rtm.start') ? '/api/rtm.start' : '/api/rtm.connect';
      const token = org.users[0].token;
      const response = await api(cluster.apiUrl).call(
        method,
        path + query.replace('TOKEN', token),
        body?.replace('TOKEN', token),
        headers as Record<string, string>,
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        ok: true,
        self: { id: expect.stringMatching(/^U/), name: org.users[0].handle },
        team: { id: expect.stringMatching(/^T/) },
        url: expect.stringMatching(/^ws:\/\/.*\/websocket\?ticket=/),
      });
    });
  });
});
