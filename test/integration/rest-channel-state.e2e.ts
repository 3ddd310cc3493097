import { encodeSlackId } from '@switchboard/contracts';
import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { RtmTestClient } from '../support/rtm-client';

type Unread = { count: number; threadCount: number; mentions: number; lastMessageID?: string };
type Channel = {
  channelID: string;
  name: string;
  archivedAt?: string;
  deletedAt?: string;
  membershipFlag: string;
  unread?: Unread;
  threads?: (Unread & { threadID: string })[];
};
type Body<T = Record<string, string>> = { response: T; error?: { code: string; message: string } };
const FAKE_ID = '123456789012345678';

describe('Messaging REST: channel state and flags, read state and mentions', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let admin: Api;
  let owner: Api;
  let member: Api;
  let outsider: Api;
  const expectError = async (promise: Promise<{ status: number; body: unknown }>, status: number, code: string) => {
    const { status: actual, body } = await promise;
    expect({ status: actual, code: (body as Body).error?.code }).toEqual({ status, code });
    expect(typeof (body as Body).error?.message).toBe('string');
  };
  const newChannel = async (name: string, type = 'public', by: Api = owner, members = [org.users[1].id]) =>
    (await by.post<Body<Channel>>('/channels/', { name, type, members })).body.response.channelID;
  const post = async (client: Api, channelId: string, message: string) =>
    (await client.post<Body>(`/channels/${channelId}/messages/`, { message })).body.response.messageID;
  const listed = async (client: Api, name: string) =>
    (await client.get<Body<Channel[]>>(`/channels/?query=${name}`)).body.response.find(
      (channel) => channel.name === name,
    );

  beforeAll(async () => {
    cluster = await Cluster.start();
    org = createOrg(3);
    admin = api(cluster.apiUrl, org.admin.token);
    owner = api(cluster.apiUrl, org.users[0].token);
    member = api(cluster.apiUrl, org.users[1].token);
    outsider = api(cluster.apiUrl, org.users[2].token);
  });

  afterAll(() => cluster.stop());

  describe('PUT /channels/{id}/state', () => {
    it('archives (read-only) and unarchives', async () => {
      const id = await newChannel('state-archive');
      const archived = await owner.put<Body<Channel>>(`/channels/${id}/state`, { state: 'archive' });
      expect(archived.status).toBe(200);
      expect(archived.body.response.archivedAt).not.toBeNull();
      await expectError(member.post(`/channels/${id}/messages/`, { message: 'too late' }), 409, 'channel_archived');
      expect((await member.get(`/channels/${id}/messages/`)).status).toBe(200);
      const unarchived = await owner.put<Body<Channel>>(`/channels/${id}/state`, 'state=unarchive', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(unarchived.body.response).not.toHaveProperty('archivedAt');
      expect((await member.post(`/channels/${id}/messages/`, { message: 'back' })).status).toBe(200);
    });

    it('deletes (gone from lists and reads, name free) and undeletes for owners and admins', async () => {
      const id = await newChannel('state-delete');
      const deleted = await owner.put<Body<Channel>>(`/channels/${id}/state`, { state: 'delete' });
      expect(deleted.status).toBe(200);
      expect(deleted.body.response.deletedAt).not.toBeNull();
      expect(await listed(member, 'state-delete')).toBeUndefined();
      await expectError(member.get(`/channels/${id}`), 404, 'channel_not_found');
      await expectError(member.get(`/channels/${id}/messages/`), 404, 'channel_not_found');
      await expectError(member.put(`/channels/${id}/state`, { state: 'undelete' }), 404, 'channel_not_found');
      const undeleted = await admin.put<Body<Channel>>(`/channels/${id}/state`, { state: 'undelete' });
      expect(undeleted.status).toBe(200);
      expect(undeleted.body.response).not.toHaveProperty('deletedAt');
      expect((await member.get(`/channels/${id}`)).status).toBe(200);
    });

    it('refuses to undelete over a name that was taken meanwhile, changing nothing', async () => {
      const id = await newChannel('state-reused');
      await owner.put(`/channels/${id}/state`, { state: 'delete' });
      await newChannel('state-reused');
      await expectError(owner.put(`/channels/${id}/state`, { state: 'undelete' }), 409, 'name_taken');
      await expectError(owner.get(`/channels/${id}`), 404, 'channel_not_found');
    });

    it.each([
      ['a plain member', () => member, 403, 'forbidden'],
      ['a non-member', () => outsider, 403, 'forbidden'],
    ])('refuses state changes by %s', async (_label, client, status, code) => {
      const id = await newChannel(`state-denied-${status}-${code}-${_label.length}`);
      await expectError(client().put(`/channels/${id}/state`, { state: 'archive' }), status, code);
      expect((await owner.get<Body<Channel>>(`/channels/${id}`)).body.response).not.toHaveProperty('archivedAt');
    });

    it.each([
      ['an unknown state', { state: 'explode' }, 400, 'validation_failed'],
      ['no state', {}, 400, 'validation_failed'],
      ['malformed JSON', '{"state":', 400, 'invalid_json'],
    ])('refuses %s', async (_label, body, status, code) => {
      const id = await newChannel(`state-bad-${_label.length}`);
      await expectError(owner.put(`/channels/${id}/state`, body), status, code);
    });

    it('refuses unknown and private channels with 404', async () => {
      const secret = await newChannel('state-secret', 'private');
      await expectError(outsider.put(`/channels/${secret}/state`, { state: 'delete' }), 404, 'channel_not_found');
      await expectError(owner.put(`/channels/${FAKE_ID}/state`, { state: 'archive' }), 404, 'channel_not_found');
    });

    it('sends channel_deleted to members over RTM', async () => {
      const id = await newChannel('state-rtm', 'private');
      const socket = await RtmTestClient.connect(cluster.apiUrl, org.users[1].token);
      try {
        await owner.put(`/channels/${id}/state`, { state: 'delete' });
        expect(await socket.waitFor((frame) => frame.type === 'channel_deleted', 10000)).toEqual({
          type: 'channel_deleted',
          channel: encodeSlackId('private', id),
          sb_event_id: expect.any(String),
        });
      } finally {
        socket.close();
      }
    });
  });

  describe('PUT/DELETE /channels/{id}/flag', () => {
    it('sets and removes the caller’s own flag', async () => {
      const id = await newChannel('flags');
      // Answered with the channel and its membershipFlag, as Corteza does; '' when none.
      const set = await member.put<Body<Channel>>(`/channels/${id}/flag`, { flag: 'pinned' });
      expect(set.status).toBe(200);
      expect(set.body.response).toMatchObject({ channelID: id, membershipFlag: 'pinned' });
      expect((await listed(member, 'flags'))?.membershipFlag).toBe('pinned');
      expect((await listed(owner, 'flags'))?.membershipFlag).toBe('');
      expect(
        (await member.put<Body<Channel>>(`/channels/${id}/flag`, { flag: 'ignored' })).body.response.membershipFlag,
      ).toBe('ignored');
      const removed = await member.delete<Body<Channel>>(`/channels/${id}/flag`);
      expect(removed.body.response).toMatchObject({ channelID: id, membershipFlag: '' });
    });

    it.each([
      ['an unknown flag', () => ({ flag: 'starred' }), 400, 'validation_failed'],
      ['no flag', () => ({}), 400, 'validation_failed'],
    ])('refuses %s', async (_label, body, status, code) => {
      const id = await newChannel(`flags-bad-${_label.length}`);
      await expectError(member.put(`/channels/${id}/flag`, body()), status, code);
    });

    it('refuses non-members (403) and unreadable channels (404)', async () => {
      const id = await newChannel('flags-denied');
      await expectError(outsider.put(`/channels/${id}/flag`, { flag: 'hidden' }), 403, 'not_a_member');
      await expectError(outsider.delete(`/channels/${id}/flag`), 403, 'not_a_member');
      const secret = await newChannel('flags-secret', 'private');
      await expectError(outsider.put(`/channels/${secret}/flag`, { flag: 'hidden' }), 404, 'channel_not_found');
    });
  });

  describe('mark-as-read, unread counts and mentions', () => {
    it('counts unread messages and mentions per channel, and mark-as-read (GET or POST) clears them', async () => {
      const id = await newChannel('reads');
      await post(owner, id, 'one');
      await post(owner, id, `hey <@${org.users[1].id}>`);
      const third = await post(owner, id, `and @${org.users[1].handle}, look`);
      await post(owner, id, `\`@${org.users[1].handle}\` in code is not a mention`);
      expect((await listed(member, 'reads'))?.unread).toEqual({ count: 4, threadCount: 0, mentions: 2 });
      expect((await listed(owner, 'reads'))?.unread).toBeUndefined();

      const partly = await member.get<Body<Unread>>(`/channels/${id}/messages/mark-as-read?lastReadMessageID=${third}`);
      expect(partly.status).toBe(200);
      expect(partly.body.response).toEqual({ count: 1, threadCount: 0, mentions: 0, lastMessageID: third });
      const all = await member.post<Body<Unread>>(`/channels/${id}/messages/mark-as-read`, {});
      expect(all.body.response.count).toBe(0);
      // Corteza sends no unread block when nothing is unread.
      expect((await member.get<Body<Channel>>(`/channels/${id}`)).body.response).not.toHaveProperty('unread');
      // Moving the marker back marks messages unread again.
      const first = (
        await member.get<Body<{ messages: { messageID: string }[] }>>(`/channels/${id}/messages/`)
      ).body.response.messages.at(-1)!.messageID;
      expect(
        (await member.post<Body<Unread>>(`/channels/${id}/messages/mark-as-read`, { lastReadMessageID: first })).body
          .response,
      ).toEqual({ count: 3, threadCount: 0, mentions: 2, lastMessageID: first });
    });

    it('counts a thread’s unread replies and mentions apart from the channel', async () => {
      const id = await newChannel('reads-thread');
      const root = await post(member, id, 'a question');
      await owner.post(`/channels/${id}/messages/${root}/replies`, { message: `answer for @${org.users[1].handle}` });
      await owner.post(`/channels/${id}/messages/${root}/replies`, { message: 'and more' });
      const channel = (await member.get<Body<Channel>>(`/channels/${id}`)).body.response;
      expect(channel.unread).toMatchObject({ count: 0, mentions: 1 });
      const marked = await member.get<Body<Unread & { threadID: string }>>(
        `/channels/${id}/messages/mark-as-read?threadID=${root}`,
      );
      expect(marked.body.response).toMatchObject({ threadID: root, count: 0, mentions: 0 });
      await owner.post(`/channels/${id}/messages/${root}/replies`, { message: 'one more' });
      const after = (await member.get<Body<Channel>>(`/channels/${id}`)).body.response;
      expect(after.unread).toMatchObject({ count: 0, threadCount: 1, threadTotal: 1, mentions: 0 });
      expect(after.threads).toEqual([expect.objectContaining({ threadID: root, count: 1, mentions: 0 })]);
    });

    it.each([
      [
        'a message of another channel',
        async (id: string, other: string) => ({ lastReadMessageID: other }),
        404,
        'message_not_found',
      ],
      ['an unknown thread', async () => ({ threadID: FAKE_ID }), 404, 'message_not_found'],
      ['a malformed id', async () => ({ lastReadMessageID: 'abc' }), 400, 'validation_failed'],
    ])('refuses %s and keeps the marker', async (_label, input, status, code) => {
      const id = await newChannel(`reads-bad-${_label.length}`);
      const elsewhere = await newChannel(`reads-elsewhere-${_label.length}`);
      const other = await post(owner, elsewhere, 'elsewhere');
      await post(owner, id, 'unread');
      await expectError(member.post(`/channels/${id}/messages/mark-as-read`, await input(id, other)), status, code);
      expect((await listed(member, `reads-bad-${_label.length}`))?.unread).toEqual({
        count: 1,
        threadCount: 0,
        mentions: 0,
      });
    });

    it('starts a joiner’s marker at the newest message: history is not unread', async () => {
      const id = await newChannel('reads-join');
      await post(owner, id, 'before');
      const newest = await post(owner, id, 'also before');
      expect((await outsider.put(`/channels/${id}/members/${org.users[2].id}`)).status).toBe(200);
      expect((await listed(outsider, 'reads-join'))?.unread).toBeUndefined();
      expect((await outsider.get<Body<Unread>>(`/channels/${id}/messages/mark-as-read`)).body.response).toMatchObject({
        count: 0,
        lastMessageID: newest,
      });
      await post(owner, id, 'after');
      expect((await listed(outsider, 'reads-join'))?.unread).toMatchObject({ count: 1 });
    });

    it('refuses non-members and unreadable channels', async () => {
      const id = await newChannel('reads-denied');
      await expectError(outsider.get(`/channels/${id}/messages/mark-as-read`), 403, 'not_a_member');
      expect((await outsider.get<Body<Channel>>(`/channels/${id}`)).body.response).not.toHaveProperty('unread');
      const secret = await newChannel('reads-secret', 'private');
      await expectError(outsider.post(`/channels/${secret}/messages/mark-as-read`, {}), 404, 'channel_not_found');
    });
  });
});
