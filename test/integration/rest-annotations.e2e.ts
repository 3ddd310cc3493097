import { encodeSlackId } from '@switchboard/contracts';
import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { RtmTestClient } from '../support/rtm-client';

type Reaction = { reaction: string; count: number; userIDs: string[] };
type Message = {
  messageID: string;
  message: string;
  reactions?: Reaction[];
  isPinned: boolean;
  isBookmarked: boolean;
  replies?: number;
};
type Body<T = Message> = { response: T; error?: { code: string; message: string } };
const FAKE_ID = '123456789012345678';

describe('Messaging REST: reactions, pins and bookmarks', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let owner: Api;
  let member: Api;
  let outsider: Api;
  let publicId: string;
  let privateId: string;
  let messageId: string;
  const base = () => `/channels/${publicId}/messages/${messageId}`;
  const expectError = async (promise: Promise<{ status: number; body: unknown }>, status: number, code: string) => {
    const { status: actual, body } = await promise;
    expect({ status: actual, code: (body as Body).error?.code }).toEqual({ status, code });
    expect(typeof (body as Body).error?.message).toBe('string');
  };
  const history = async (client: Api, channelId = publicId) =>
    (await client.get<Body<{ messages: Message[] }>>(`/channels/${channelId}/messages/`)).body.response.messages;

  beforeAll(async () => {
    cluster = await Cluster.start();
    org = createOrg(3);
    owner = api(cluster.apiUrl, org.admin.token);
    member = api(cluster.apiUrl, org.users[0].token);
    outsider = api(cluster.apiUrl, org.users[1].token);
    publicId = (
      await owner.post<Body<{ channelID: string }>>('/channels/', { name: 'annotations', members: [org.users[0].id] })
    ).body.response.channelID;
    privateId = (
      await owner.post<Body<{ channelID: string }>>('/channels/', {
        name: 'annotations-private',
        type: 'private',
        members: [org.users[0].id],
      })
    ).body.response.channelID;
    messageId = (await owner.post<Body>(`/channels/${publicId}/messages/`, { message: 'react to me' })).body.response
      .messageID;
  });

  afterAll(() => cluster.stop());

  describe('reactions', () => {
    it('adds one reaction per user per name, shows counts and users, and removes them', async () => {
      const first = await member.post<Body>(`${base()}/reaction/thumbsup`);
      expect(first.status).toBe(200);
      expect(first.body.response.reactions).toEqual([{ reaction: ':thumbsup:', count: 1, userIDs: [org.users[0].id] }]);
      expect((await member.post<Body>(`${base()}/reaction/:thumbsup:`)).body.response.reactions).toEqual([
        { reaction: ':thumbsup:', count: 1, userIDs: [org.users[0].id] },
      ]);
      await owner.post(`${base()}/reaction/thumbsup`);
      await owner.post(`${base()}/reaction/${encodeURIComponent('🎉')}`);
      const [shown] = (await history(member)).filter((message) => message.messageID === messageId);
      expect(shown.reactions).toEqual([
        { reaction: ':thumbsup:', count: 2, userIDs: [org.users[0].id, org.admin.id] },
        { reaction: '🎉', count: 1, userIDs: [org.admin.id] },
      ]);
      const removed = await member.delete<Body>(`${base()}/reaction/thumbsup`);
      expect(removed.status).toBe(200);
      expect(removed.body.response.reactions![0]).toEqual({
        reaction: ':thumbsup:',
        count: 1,
        userIDs: [org.admin.id],
      });
    });

    it.each([
      ['a non-member of the public channel', () => outsider.post(`${base()}/reaction/smile`), 403, 'not_a_member'],
      [
        'a private channel one may not read',
        () => outsider.post(`/channels/${privateId}/messages/${FAKE_ID}/reaction/smile`),
        404,
        'channel_not_found',
      ],
      [
        'an unknown message',
        () => member.post(`/channels/${publicId}/messages/${FAKE_ID}/reaction/smile`),
        404,
        'message_not_found',
      ],
      [
        'a malformed message id',
        () => member.post(`/channels/${publicId}/messages/abc/reaction/smile`),
        400,
        'bad_request',
      ],
      [
        'a reaction with spaces',
        () => member.post(`${base()}/reaction/${encodeURIComponent('two words')}`),
        400,
        'validation_failed',
      ],
      ['an over-long reaction', () => member.post(`${base()}/reaction/${'x'.repeat(65)}`), 400, 'validation_failed'],
      ['removing a reaction one never made', () => member.delete(`${base()}/reaction/neverused`), 404, 'not_found'],
    ])('refuses %s', async (_label, call, status, code) => {
      await expectError(call(), status, code);
      const [shown] = (await history(owner)).filter((message) => message.messageID === messageId);
      expect((shown.reactions ?? []).map((reaction) => reaction.reaction)).not.toContain(':smile:');
    });
  });

  describe('pins (public) and bookmarks (private)', () => {
    it('pins for everyone, and unpins', async () => {
      const pinned = await member.post<Body>(`${base()}/pin`);
      expect(pinned.status).toBe(200);
      expect(pinned.body.response.isPinned).toBe(true);
      expect((await member.post<Body>(`${base()}/pin`)).status).toBe(200);
      const [shown] = (await history(owner)).filter((message) => message.messageID === messageId);
      expect(shown.isPinned).toBe(true);
      const unpinned = await owner.delete<Body>(`${base()}/pin`);
      expect(unpinned.body.response.isPinned).toBe(false);
      await expectError(owner.delete(`${base()}/pin`), 404, 'not_found');
    });

    it('bookmarks only for the user who made them', async () => {
      const marked = await member.post<Body>(`${base()}/bookmark`);
      expect(marked.status).toBe(200);
      expect(marked.body.response.isBookmarked).toBe(true);
      expect((await history(member)).find((message) => message.messageID === messageId)?.isBookmarked).toBe(true);
      expect((await history(owner)).find((message) => message.messageID === messageId)?.isBookmarked).toBe(false);
      // Reading is enough to bookmark: a non-member of a public channel may bookmark its messages.
      expect((await outsider.post<Body>(`${base()}/bookmark`)).status).toBe(200);
      expect((await outsider.delete<Body>(`${base()}/bookmark`)).body.response.isBookmarked).toBe(false);
      expect((await member.delete<Body>(`${base()}/bookmark`)).body.response.isBookmarked).toBe(false);
      await expectError(member.delete(`${base()}/bookmark`), 404, 'not_found');
    });

    it.each([
      ['pin by a non-member', () => outsider.post(`${base()}/pin`), 403, 'not_a_member'],
      [
        'pin in an unreadable channel',
        () => outsider.post(`/channels/${privateId}/messages/${FAKE_ID}/pin`),
        404,
        'channel_not_found',
      ],
      [
        'bookmark in an unreadable channel',
        () => outsider.post(`/channels/${privateId}/messages/${FAKE_ID}/bookmark`),
        404,
        'channel_not_found',
      ],
      [
        'pin of an unknown message',
        () => member.post(`/channels/${publicId}/messages/${FAKE_ID}/pin`),
        404,
        'message_not_found',
      ],
      [
        'bookmark with a malformed id',
        () => member.post(`/channels/${publicId}/messages/1x/bookmark`),
        400,
        'bad_request',
      ],
    ])('refuses %s', async (_label, call, status, code) => {
      await expectError(call(), status, code);
    });

    it('refuses reactions and pins in archived channels, but keeps bookmarks working', async () => {
      const channelId = (
        await owner.post<Body<{ channelID: string }>>('/channels/', {
          name: 'annotations-archive',
          members: [org.users[0].id],
        })
      ).body.response.channelID;
      const id = (await owner.post<Body>(`/channels/${channelId}/messages/`, { message: 'old news' })).body.response
        .messageID;
      expect((await owner.put(`/channels/${channelId}/state`, { state: 'archive' })).status).toBe(200);
      await expectError(member.post(`/channels/${channelId}/messages/${id}/reaction/ok`), 409, 'channel_archived');
      await expectError(member.post(`/channels/${channelId}/messages/${id}/pin`), 409, 'channel_archived');
      expect((await member.post(`/channels/${channelId}/messages/${id}/bookmark`)).status).toBe(200);
    });
  });

  it('sends reaction, pin and star events over RTM, stars to their owner only', async () => {
    const channelId = (
      await owner.post<Body<{ channelID: string }>>('/channels/', {
        name: 'annotations-rtm',
        type: 'private',
        members: [org.users[0].id],
      })
    ).body.response.channelID;
    const id = (await owner.post<Body>(`/channels/${channelId}/messages/`, { message: 'watch this' })).body.response
      .messageID;
    const memberSocket = await RtmTestClient.connect(cluster.apiUrl, org.users[0].token);
    const ownerSocket = await RtmTestClient.connect(cluster.apiUrl, org.admin.token);
    try {
      const path = `/channels/${channelId}/messages/${id}`;
      await owner.post(`${path}/reaction/eyes`);
      await owner.post(`${path}/pin`);
      await owner.delete(`${path}/pin`);
      await member.post(`${path}/bookmark`);
      await owner.put(`/channels/${channelId}/state`, { state: 'archive' });
      const channel = encodeSlackId('private', channelId);
      const reaction = await memberSocket.waitFor((frame) => frame.type === 'reaction_added', 10000);
      expect(reaction).toMatchObject({
        user: encodeSlackId('user', org.admin.id),
        reaction: 'eyes',
        item_user: encodeSlackId('user', org.admin.id),
        item: { type: 'message', channel },
      });
      expect(await memberSocket.waitFor((frame) => frame.type === 'pin_added', 10000)).toMatchObject({
        channel_id: channel,
      });
      expect(await memberSocket.waitFor((frame) => frame.type === 'pin_removed', 10000)).toMatchObject({
        channel_id: channel,
        has_pins: false,
      });
      expect(await memberSocket.waitFor((frame) => frame.type === 'star_added', 10000)).toMatchObject({
        user: encodeSlackId('user', org.users[0].id),
      });
      expect(await memberSocket.waitFor((frame) => frame.type === 'channel_archive', 10000)).toEqual({
        type: 'channel_archive',
        channel,
        user: encodeSlackId('user', org.admin.id),
        sb_event_id: expect.any(String),
      });
      await ownerSocket.waitFor((frame) => frame.type === 'channel_archive', 10000);
      expect(ownerSocket.frames.filter((frame) => frame.type === 'star_added')).toEqual([]);
    } finally {
      memberSocket.close();
      ownerSocket.close();
    }
  });
});
