import { encodeSlackId } from '@switchboard/contracts';
import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { RtmTestClient } from '../support/rtm-client';

type Body<T = Record<string, string>> = { response: T; error?: { code: string; message: string } };

describe('Activity: authorised, broadcast over pub/sub to RTM sockets, never stored', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let alice: Api;
  let outsider: Api;
  let privateId: string;
  let messageId: string;
  const clients: RtmTestClient[] = [];

  const expectError = async (promise: Promise<{ status: number; body: unknown }>, status: number, code: string) => {
    const { status: actual, body } = await promise;
    expect({ status: actual, code: (body as Body).error?.code }).toEqual({ status, code });
  };

  beforeAll(async () => {
    org = createOrg(3); // before the cluster: see status.e2e.ts
    cluster = await Cluster.start();
    alice = api(cluster.apiUrl, org.users[0].token);
    outsider = api(cluster.apiUrl, org.users[2].token);
    privateId = (
      await alice.post<Body>('/channels/', { name: 'activity-private', type: 'private', members: [org.users[1].id] })
    ).body.response.channelID;
    messageId = (await alice.post<Body>(`/channels/${privateId}/messages/`, { message: 'look at this' })).body.response
      .messageID;
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await cluster.stop();
  });

  it('reaches channel members (not the actor, not non-members) as user_activity, and the organisation when global', async () => {
    const [self, member, other] = await Promise.all(
      [org.users[0], org.users[1], org.users[2]].map((user) => RtmTestClient.connect(cluster.apiUrl, user.token)),
    );
    clients.push(self, member, other);

    const sent = await alice.post<Body<{ delivered: boolean }>>('/activity/', {
      channelID: privateId,
      messageID: messageId,
      kind: 'typing',
    });
    expect(sent.status).toBe(200);
    const frame = await member.waitFor((f) => f.type === 'user_activity');
    expect(frame).toMatchObject({
      type: 'user_activity',
      user: encodeSlackId('user', org.users[0].id),
      kind: 'typing',
      channel: encodeSlackId('private', privateId),
    });
    expect(typeof frame.message_ts).toBe('string');

    await alice.post('/activity/', 'kind=online', { 'content-type': 'application/x-www-form-urlencoded' });
    const global = await other.waitFor((f) => f.type === 'user_activity');
    expect(global).toMatchObject({ kind: 'online' });
    expect(global).not.toHaveProperty('channel');
    await member.waitFor((f) => f.type === 'user_activity' && f.kind === 'online');
    // the non-member saw only the global one, the actor none
    expect(other.ofType('user_activity').map((f) => f.kind)).toEqual(['online']);
    expect(self.ofType('user_activity')).toEqual([]);
  });

  it('refuses a channel the caller may not read, as if it did not exist', async () => {
    await expectError(outsider.post('/activity/', { channelID: privateId, kind: 'typing' }), 404, 'channel_not_found');
  });

  it.each([
    ['no kind', { channelID: '1' }, 400, 'validation_failed'],
    ['kind with spaces', { kind: 'a b' }, 400, 'validation_failed'],
    ['messageID without channelID', { kind: 'typing', messageID: '123' }, 400, 'validation_failed'],
    ['malformed channelID', { kind: 'typing', channelID: 'abc' }, 400, 'validation_failed'],
  ])('refuses %s', async (_label, body, status, code) => {
    await expectError(alice.post('/activity/', body), status, code);
  });

  it('refuses a message of another channel', async () => {
    const publicId = (await alice.post<Body>('/channels/', { name: 'activity-public' })).body.response.channelID;
    await expectError(
      alice.post('/activity/', { channelID: publicId, messageID: messageId, kind: 'typing' }),
      404,
      'message_not_found',
    );
  });

  it('is denied by a rule on activity.send', async () => {
    const admin = api(cluster.apiUrl, org.admin.token);
    await admin.call('PATCH', '/permissions/2/rules', {
      rules: [{ resource: 'messaging', operation: 'activity.send', access: 'deny' }],
    });
    try {
      await expectError(alice.post('/activity/', { kind: 'typing' }), 403, 'forbidden');
    } finally {
      await admin.delete('/permissions/2/rules');
    }
  });
});
