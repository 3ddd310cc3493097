import { Client } from 'pg';
import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { TEST_DATABASE_URL } from '../support/env';
import { type ZulipApi, zulipApi } from '../support/zulip';

// Loading zulip-js replaces the global FormData with the `form-data` package (isomorphic-form-data): keep Node's.
const NativeFormData = globalThis.FormData;
// The package under test, unmodified (a CommonJS module without types), loaded as zulip-js.e2e.ts does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zulipInit = require('zulip-js') as (config: {
  username: string;
  apiKey: string;
  realm: string;
}) => Promise<ZulipJs>;

type Reply = Promise<Record<string, unknown>>;
interface ZulipJs {
  messages: {
    flags: { add(params: Record<string, unknown>): Reply; remove(params: Record<string, unknown>): Reply };
    getById(params: Record<string, unknown>): Reply;
    deleteReactionById(params: Record<string, unknown>): Reply;
  };
  reactions: { add(params: Record<string, unknown>): Reply; remove(params: Record<string, unknown>): Reply };
}

type Channel = { channelID: string; zulipID: number; name: string };
type ZulipReaction = {
  emoji_name: string;
  emoji_code: string;
  reaction_type: string;
  user_id: number;
  user: { id: number; email: string };
};
type ZulipMessage = { id: number; content: string; flags: string[]; reactions: ZulipReaction[] };
type RestMessage = { messageID: string; zulipID: number; isBookmarked: boolean };
type ReadEvent = {
  userId: string;
  threadId: string | null;
  channel: { channelId: string };
  flipped: { read: boolean; zulipIds: number[]; truncated: boolean };
};

describe('Zulip flags, reactions and mark-as-read', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let db: Client;
  let alice: ZulipApi;
  let bob: ZulipApi;
  let carol: ZulipApi;
  let bobRest: Api;
  let aliceRest: Api;
  let general: Channel;
  let secret: Channel;
  let bobZulipId: number;
  let lastEvent = '0';

  const send = async (who: ZulipApi, to: string, topic: string, content: string): Promise<number> => {
    const sent = await who.post('/messages', { type: 'stream', to, topic, content });
    expect(sent.body).toMatchObject({ result: 'success' });
    return sent.body.id as number;
  };
  const page = async (who: ZulipApi, narrow: unknown[], extra: Record<string, unknown> = {}) => {
    const response = await who.get('/messages', {
      anchor: 'newest',
      num_before: 100,
      num_after: 0,
      apply_markdown: false,
      narrow,
      ...extra,
    });
    expect(response.body).toMatchObject({ result: 'success' });
    return response.body as { messages: ZulipMessage[]; anchor: number; found_anchor: boolean };
  };
  const flagsOf = async (who: ZulipApi, topic: string, channel = 'general') =>
    Object.fromEntries(
      (
        await page(who, [
          ['channel', channel],
          ['topic', topic],
        ])
      ).messages.map((message) => [message.id, message.flags]),
    );
  const idsOf = async (who: ZulipApi, narrow: unknown[]) =>
    (await page(who, narrow)).messages.map((message) => message.id);
  const restMessages = async (who: Api, channel: Channel) =>
    (await who.get<{ response: { messages: RestMessage[] } }>(`/channels/${channel.channelID}/messages/`)).body.response
      .messages;
  const restId = async (channel: Channel, zulipId: number) =>
    (await restMessages(aliceRest, channel)).find((message) => message.zulipID === zulipId)!.messageID;
  /** The events appended since the last call, of one type (the outbox is the source of every event clients get). */
  const newEvents = async <T>(type: string): Promise<T[]> => {
    const rows = (
      await db.query(
        `SELECT event_id::text AS id, type, payload FROM outbox_events WHERE organisation_id = $1 AND event_id > $2 ORDER BY event_id`,
        [org.id, lastEvent],
      )
    ).rows as { id: string; type: string; payload: T }[];
    if (rows.length) lastEvent = rows[rows.length - 1].id;
    return rows.filter((row) => row.type === type).map((row) => row.payload);
  };
  const flag = (who: ZulipApi, op: string, name: string, messages: unknown) =>
    who.post('/messages/flags', { op, flag: name, messages });

  beforeAll(async () => {
    org = createOrg(3); // before the cluster: see status.e2e.ts
    cluster = await Cluster.start();
    db = new Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    const [a, b, c] = org.users;
    alice = zulipApi(cluster.apiUrl, a.email, a.token);
    bob = zulipApi(cluster.apiUrl, b.email, b.token);
    carol = zulipApi(cluster.apiUrl, c.email, c.token);
    aliceRest = api(cluster.apiUrl, a.token);
    bobRest = api(cluster.apiUrl, b.token);
    const admin = api(cluster.apiUrl, org.admin.token);
    general = (await admin.post<{ response: Channel }>('/channels/', { name: 'general', members: [a.id, b.id] })).body
      .response;
    secret = (
      await admin.post<{ response: Channel }>('/channels/', { name: 'secret', type: 'private', members: [a.id] })
    ).body.response;
    bobZulipId = (await bob.get('/users/me')).body.user_id as number;
  });

  afterAll(async () => {
    await db?.end();
    await cluster?.stop();
  });

  describe('reactions', () => {
    it('adds and removes reactions (form, multipart and JSON), shown as Zulip reactions in GET /messages and /messages/{id}', async () => {
      const id = await send(alice, 'general', 'reactions', 'react to me');
      expect((await bob.post(`/messages/${id}/reactions`, { emoji_name: 'octopus' })).body).toEqual({
        result: 'success',
        msg: '',
      });
      const multipart = new NativeFormData();
      multipart.append('emoji_name', 'tada');
      multipart.append('emoji_code', '1f389');
      multipart.append('reaction_type', 'unicode_emoji');
      const auth = {
        authorization: `Basic ${Buffer.from(`${org.users[0].email}:${org.users[0].token}`).toString('base64')}`,
      };
      expect(
        await (
          await fetch(`${cluster.apiUrl}/api/v1/messages/${id}/reactions`, {
            method: 'POST',
            body: multipart,
            headers: auth,
          })
        ).json(),
      ).toMatchObject({ result: 'success' });
      const json = await fetch(`${cluster.apiUrl}/api/v1/messages/${id}/reactions`, {
        method: 'POST',
        body: JSON.stringify({ emoji_code: '1f44d', emoji_name: 'thumbs_up' }),
        headers: { ...auth, 'content-type': 'application/json' },
      });
      expect(await json.json()).toMatchObject({ result: 'success' });

      const [listed] = (
        await page(carol, [
          ['channel', 'general'],
          ['topic', 'reactions'],
        ])
      ).messages;
      expect(listed.reactions).toEqual([
        {
          emoji_name: 'octopus',
          emoji_code: '1f419',
          reaction_type: 'unicode_emoji',
          user_id: bobZulipId,
          user: expect.objectContaining({ id: bobZulipId, email: org.users[1].email }),
        },
        expect.objectContaining({ emoji_name: 'tada', emoji_code: '1f389', reaction_type: 'unicode_emoji' }),
        expect.objectContaining({ emoji_name: 'thumbs_up', emoji_code: '1f44d' }),
      ]);
      expect(
        ((await bob.get(`/messages/${id}`)).body.message as ZulipMessage).reactions.map(
          (reaction) => reaction.emoji_name,
        ),
      ).toEqual(['octopus', 'tada', 'thumbs_up']);
      // The Messaging REST API sees the same reactions, in Corteza's `:name:` form.
      const rest = (
        await aliceRest.get<{ response: { messages: { zulipID: number; reactions: { reaction: string }[] }[] } }>(
          `/channels/${general.channelID}/messages/`,
        )
      ).body.response.messages.find((message) => message.zulipID === id);
      expect(rest?.reactions.map((reaction) => reaction.reaction)).toEqual([':octopus:', ':tada:', ':thumbs_up:']);

      expect((await bob.delete(`/messages/${id}/reactions`, { emoji_name: 'octopus' })).body).toEqual({
        result: 'success',
        msg: '',
      });
      expect((await alice.delete(`/messages/${id}/reactions`, { emoji_code: '1f389' })).body).toEqual({
        result: 'success',
        msg: '',
      });
      expect(
        ((await bob.get(`/messages/${id}`)).body.message as ZulipMessage).reactions.map(
          (reaction) => reaction.emoji_name,
        ),
      ).toEqual(['thumbs_up']);
    });

    it('refuses duplicates, missing reactions and unknown emoji in the Zulip shape, changing nothing', async () => {
      const id = await send(alice, 'general', 'reactions', 'careful');
      await bob.post(`/messages/${id}/reactions`, { emoji_name: 'heart' });
      const duplicate = await bob.post(`/messages/${id}/reactions`, { emoji_name: 'heart' });
      expect(duplicate.status).toBe(400);
      expect(duplicate.body).toEqual({
        result: 'error',
        msg: 'Reaction already exists.',
        code: 'REACTION_ALREADY_EXISTS',
      });
      const missing = await alice.delete(`/messages/${id}/reactions`, { emoji_name: 'heart' });
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({
        result: 'error',
        msg: "Reaction doesn't exist.",
        code: 'REACTION_DOES_NOT_EXIST',
      });
      const unknown = await bob.post(`/messages/${id}/reactions`, { emoji_name: 'not_an_emoji' });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toEqual({
        result: 'error',
        msg: "Emoji 'not_an_emoji' does not exist",
        code: 'BAD_REQUEST',
      });
      expect(
        (await bob.post(`/messages/${id}/reactions`, { emoji_name: 'nope', reaction_type: 'unicode_emoji' })).body,
      ).toEqual({ result: 'error', msg: "Emoji 'nope' does not exist", code: 'BAD_REQUEST' });
      expect((await bob.post(`/messages/${id}/reactions`, {})).body).toMatchObject({
        result: 'error',
        code: 'BAD_REQUEST',
        var_name: 'emoji_name',
      });
      expect((await bob.post('/messages/abc/reactions', { emoji_name: 'heart' })).body).toMatchObject({
        result: 'error',
        code: 'BAD_REQUEST',
      });
      expect((await bob.post('/messages/999999999/reactions', { emoji_name: 'heart' })).body).toMatchObject({
        result: 'error',
        code: 'BAD_REQUEST',
      });
      // carol may read the public channel but has not joined it; nobody outside `secret` sees its messages.
      expect((await carol.post(`/messages/${id}/reactions`, { emoji_name: 'heart' })).body).toMatchObject({
        result: 'error',
        code: 'BAD_REQUEST',
      });
      const hidden = await send(alice, 'secret', 'x', 'hidden');
      expect((await bob.post(`/messages/${hidden}/reactions`, { emoji_name: 'heart' })).body).toEqual({
        result: 'error',
        msg: `Message ${hidden} not found`,
        code: 'BAD_REQUEST',
      });
      const [shown] = (await page(alice, [['id', String(id)]])).messages;
      expect(shown.reactions.map((reaction) => [reaction.emoji_name, reaction.user_id])).toEqual([
        ['heart', bobZulipId],
      ]);
    });

    it('joins and removes reactions other dialects made with names that are no Unicode emoji, but cannot invent them', async () => {
      const id = await send(alice, 'general', 'reactions', 'ship it');
      expect(
        (await aliceRest.post(`/channels/${general.channelID}/messages/${await restId(general, id)}/reaction/shipit`))
          .status,
      ).toBe(200);
      const [listed] = (await page(bob, [['id', String(id)]])).messages;
      expect(listed.reactions).toEqual([
        expect.objectContaining({ emoji_name: 'shipit', emoji_code: 'shipit', reaction_type: 'realm_emoji' }),
      ]);
      expect(
        (
          await bob.post(`/messages/${id}/reactions`, {
            emoji_name: 'shipit',
            emoji_code: 'shipit',
            reaction_type: 'realm_emoji',
          })
        ).body,
      ).toMatchObject({ result: 'success' });
      expect((await bob.post(`/messages/${id}/reactions`, { emoji_name: 'rocketship_custom' })).body).toEqual({
        result: 'error',
        msg: "Emoji 'rocketship_custom' does not exist",
        code: 'BAD_REQUEST',
      });
      expect(
        (await bob.delete(`/messages/${id}/reactions`, { emoji_name: 'shipit', reaction_type: 'realm_emoji' })).body,
      ).toMatchObject({ result: 'success' });
      expect((await page(bob, [['id', String(id)]])).messages[0].reactions.map((reaction) => reaction.user_id)).toEqual(
        [(await alice.get('/users/me')).body.user_id],
      );
    });
  });

  describe('flags', () => {
    it('read: moves the marker covering the listed messages, shows it in flags and is:unread, and the REST API sees the same marker', async () => {
      await bob.post('/mark_stream_as_read', { stream_id: general.zulipID });
      const [m1, m2, m3] = [
        await send(alice, 'general', 'reading', 'one'),
        await send(alice, 'general', 'reading', 'two'),
        await send(alice, 'general', 'reading', 'three'),
      ];
      await newEvents('channel.read');
      expect(await flagsOf(bob, 'reading')).toEqual({ [m1]: [], [m2]: [], [m3]: [] });
      expect(await flagsOf(alice, 'reading')).toEqual({ [m1]: ['read'], [m2]: ['read'], [m3]: ['read'] });

      // Reading m2 reads m1 too (one marker per channel); the answer lists what was asked and changed.
      expect((await flag(bob, 'add', 'read', [m2])).body).toEqual({ result: 'success', msg: '', messages: [m2] });
      expect(await flagsOf(bob, 'reading')).toEqual({ [m1]: ['read'], [m2]: ['read'], [m3]: [] });
      expect(
        await idsOf(bob, [
          ['channel', 'general'],
          ['topic', 'reading'],
          ['is', 'unread'],
        ]),
      ).toEqual([m3]);
      const events = await newEvents<ReadEvent>('channel.read');
      expect(events).toEqual([
        expect.objectContaining({
          userId: org.users[1].id,
          threadId: null,
          flipped: { read: true, zulipIds: [m1, m2], truncated: false },
        }),
      ]);
      const state = (
        await bobRest.get<{ response: { unread: { lastMessageID: string; count: number } } }>(
          `/channels/${general.channelID}`,
        )
      ).body.response.unread;
      expect(state.lastMessageID).toBe(await restId(general, m2));

      // Already read: nothing changes, no event. Markers never move backwards on add.
      expect((await flag(bob, 'add', 'read', [m1])).body).toMatchObject({ messages: [] });
      expect(await newEvents('channel.read')).toEqual([]);

      // Unreading m2 moves the marker to just before it (m3 stays unread, m1 read).
      expect((await flag(bob, 'remove', 'read', [m2])).body).toMatchObject({ result: 'success', messages: [m2] });
      expect(await flagsOf(bob, 'reading')).toEqual({ [m1]: ['read'], [m2]: [], [m3]: [] });
      expect(await newEvents<ReadEvent>('channel.read')).toEqual([
        expect.objectContaining({ flipped: { read: false, zulipIds: [m2], truncated: false } }),
      ]);
      expect(
        (await bobRest.get<{ response: { unread: { lastMessageID: string } } }>(`/channels/${general.channelID}`)).body
          .response.unread.lastMessageID,
      ).toBe(await restId(general, m1));

      // One's own messages are always read.
      expect((await flag(alice, 'remove', 'read', [m1])).body).toMatchObject({ result: 'success', messages: [] });
      expect(await flagsOf(alice, 'reading')).toEqual({ [m1]: ['read'], [m2]: ['read'], [m3]: ['read'] });
    });

    it('read: replies have their own (thread) marker, and one request moves each marker once', async () => {
      const root = await send(alice, 'general', 'threads', 'root');
      const rootId = await restId(general, root);
      const reply = async (text: string) =>
        (
          await aliceRest.post<{ response: { zulipID: number } }>(
            `/channels/${general.channelID}/messages/${rootId}/replies`,
            { message: text },
          )
        ).body.response.zulipID;
      const [r1, r2] = [await reply('first reply'), await reply('second reply')];
      const after = await send(alice, 'general', 'threads', 'after the thread');
      await newEvents('channel.read');
      expect(await flagsOf(bob, 'threads')).toEqual({ [root]: [], [r1]: [], [r2]: [], [after]: [] });

      expect((await flag(bob, 'add', 'read', [r1, root, r2])).body).toMatchObject({
        messages: [root, r1, r2].sort((a, b) => a - b),
      });
      expect(await flagsOf(bob, 'threads')).toEqual({ [root]: ['read'], [r1]: ['read'], [r2]: ['read'], [after]: [] });
      const events = await newEvents<ReadEvent>('channel.read');
      expect(events).toHaveLength(2);
      expect(events.find((event) => event.threadId === null)?.flipped.zulipIds).toContain(root);
      expect(events.find((event) => event.threadId === rootId)?.flipped).toEqual({
        read: true,
        zulipIds: [r1, r2],
        truncated: false,
      });
      const threads = (
        await bobRest.get<{ response: { threads: { threadID: string; count: number }[] } }>(
          `/channels/${general.channelID}`,
        )
      ).body.response.threads;
      expect(threads).toEqual([expect.objectContaining({ threadID: rootId, count: 0 })]);

      expect((await flag(bob, 'remove', 'read', [r2])).body).toMatchObject({ messages: [r2] });
      expect(await flagsOf(bob, 'threads')).toEqual({ [root]: ['read'], [r1]: ['read'], [r2]: [], [after]: [] });
    });

    it('starred: bookmarks, shown in flags, is:starred and the REST API, with bookmark events', async () => {
      const [s1, s2] = [
        await send(alice, 'general', 'stars', 'star me'),
        await send(alice, 'general', 'stars', 'me too'),
      ];
      await newEvents('message.bookmarked');
      expect((await flag(bob, 'add', 'starred', [s2, s1])).body).toEqual({
        result: 'success',
        msg: '',
        messages: [s1, s2],
      });
      expect((await newEvents<{ userId: string }>('message.bookmarked')).map((event) => event.userId)).toEqual([
        org.users[1].id,
        org.users[1].id,
      ]);
      expect(await flagsOf(bob, 'stars')).toEqual({ [s1]: ['starred'], [s2]: ['starred'] });
      expect(await idsOf(bob, [['is', 'starred']])).toEqual([s1, s2]);
      expect(await idsOf(alice, [['is', 'starred']])).toEqual([]);
      const rest = await restMessages(bobRest, general);
      expect(
        rest
          .filter((message) => message.isBookmarked)
          .map((message) => message.zulipID)
          .sort(),
      ).toEqual([s1, s2].sort());

      expect((await flag(bob, 'add', 'starred', [s1])).body).toMatchObject({ messages: [] });
      expect((await flag(bob, 'remove', 'starred', [s1])).body).toMatchObject({ messages: [s1] });
      expect(await newEvents('message.unbookmarked')).toHaveLength(1);
      expect(await idsOf(bob, [['is', 'starred']])).toEqual([s2]);
      expect(
        await idsOf(bob, [
          ['is', 'starred'],
          ['topic', 'stars'],
          ['channel', 'general'],
        ]),
      ).toEqual([s2]);
      // carol has not joined `general` but may read it: she can star its messages; they show as read and historical.
      expect((await flag(carol, 'add', 'starred', [s1])).body).toMatchObject({ messages: [s1] });
      expect((await carol.get(`/messages/${s1}`)).body.message).toMatchObject({
        flags: ['read', 'starred', 'historical'],
      });
    });

    it('skips messages the caller cannot read, unknown and deleted ones, as Zulip does', async () => {
      const hidden = await send(alice, 'secret', 'plans', 'hidden');
      const gone = await send(alice, 'general', 'skip', 'deleted soon');
      const visible = await send(alice, 'general', 'skip', 'visible');
      await alice.delete(`/messages/${gone}`);
      await newEvents('channel.read');
      expect((await flag(bob, 'add', 'starred', [hidden, gone, 987654321, visible])).body).toEqual({
        result: 'success',
        msg: '',
        messages: [visible],
      });
      expect((await flag(bob, 'add', 'read', [hidden, gone, visible])).body).toEqual({
        result: 'success',
        msg: '',
        messages: [visible],
      });
      expect((await newEvents<ReadEvent>('channel.read')).map((event) => event.channel.channelId)).toEqual([
        general.channelID,
      ]);
      expect((await alice.get(`/messages/${hidden}`)).body.message).toMatchObject({ flags: ['read'] });
    });

    it('narrows by has:reaction and has:attachment', async () => {
      const plain = await send(alice, 'general', 'has', 'plain');
      const reacted = await send(alice, 'general', 'has', 'reacted');
      await bob.post(`/messages/${reacted}/reactions`, { emoji_name: 'eyes' });
      const form = new NativeFormData();
      form.append('upload', new Blob([new Uint8Array(Buffer.from('notes'))], { type: 'text/plain' }), 'notes.txt');
      const attached = await fetch(`${cluster.apiUrl}/channels/${general.channelID}/attach`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org.users[0].token}` },
        body: form,
      });
      expect(attached.status).toBe(200);
      const term = (operator: string, operand: string, negated = false) => ({ operator, operand, negated });
      const topic = [term('channel', 'general'), term('topic', 'has')];
      expect(await idsOf(bob, [...topic, term('has', 'reaction')])).toEqual([reacted]);
      expect(await idsOf(bob, [...topic, term('has', 'reaction', true)])).toEqual([plain]);
      const withFiles = (await page(bob, [term('channel', 'general'), term('has', 'attachment')])).messages;
      expect(withFiles.map((message) => message.content)).toEqual(['notes.txt']);
    });

    it('refuses bad input in the Zulip shape', async () => {
      const id = await send(alice, 'general', 'bad', 'x');
      const cases: [Record<string, unknown>, string, string?][] = [
        [{ op: 'add', flag: 'mentioned', messages: [id] }, "Flag not editable: 'mentioned'"],
        [{ op: 'add', flag: 'historical', messages: [id] }, "Flag not editable: 'historical'"],
        [{ op: 'add', flag: 'bogus', messages: [id] }, "Invalid flag: 'bogus'"],
        [{ op: 'toggle', flag: 'read', messages: [id] }, "Invalid message flag operation: 'toggle'"],
        [
          { op: 'add', flag: 'read', messages: 'nope' },
          "Invalid 'messages': must be a JSON list of message ids",
          'messages',
        ],
        [
          { op: 'add', flag: 'read', messages: ['1'] },
          "Invalid 'messages': must be a JSON list of message ids",
          'messages',
        ],
        [{ op: 'add', flag: 'read' }, "Missing 'messages' argument", 'messages'],
        [{ flag: 'read', messages: [id] }, "Missing 'op' argument", 'op'],
      ];
      for (const [params, msg, varName] of cases) {
        const response = await bob.post('/messages/flags', params);
        expect({ status: response.status, body: response.body }).toEqual({
          status: 400,
          body: { result: 'error', msg, code: 'BAD_REQUEST', ...(varName ? { var_name: varName } : {}) },
        });
      }
      const collapsed = await flag(bob, 'add', 'collapsed', [id]);
      expect(collapsed.status).toBe(400);
      expect(collapsed.body).toMatchObject({
        result: 'error',
        code: 'BAD_REQUEST',
        msg: expect.stringContaining("Flag not supported: 'collapsed'"),
      });
      const tooMany = await flag(
        bob,
        'add',
        'read',
        Array.from({ length: 5001 }, (_, index) => index + 1),
      );
      expect(tooMany.body).toMatchObject({ result: 'error', code: 'BAD_REQUEST', var_name: 'messages' });
    });
  });

  describe('anchors and marking everything read', () => {
    let anchors: Channel;
    let ids: number[];

    beforeAll(async () => {
      anchors = (
        await api(cluster.apiUrl, org.admin.token).post<{ response: Channel }>('/channels/', {
          name: 'anchors',
          members: [org.users[0].id, org.users[1].id],
        })
      ).body.response;
      ids = [];
      for (const text of ['a1', 'a2', 'a3', 'a4', 'a5'])
        ids.push(await send(alice, 'anchors', text === 'a4' ? 'other' : 'main', text));
    });

    it('first_unread anchors at the oldest unread message of the narrow, else at the newest', async () => {
      await flag(bob, 'add', 'read', [ids[1]]);
      const around = await page(bob, [['channel', 'anchors']], { anchor: 'first_unread', num_before: 1, num_after: 1 });
      expect(around).toMatchObject({ anchor: ids[2], found_anchor: true });
      expect(around.messages.map((message) => message.id)).toEqual([ids[1], ids[2], ids[3]]);
      // Within a topic, the oldest unread message of that topic.
      await flag(bob, 'add', 'read', [ids[2]]);
      expect(
        (
          await page(
            bob,
            [
              ['channel', 'anchors'],
              ['topic', 'main'],
            ],
            { anchor: 'first_unread', num_before: 0, num_after: 0 },
          )
        ).anchor,
      ).toBe(ids[4]);
      // Nothing unread: the newest message, as for anchor=newest.
      expect(
        (
          await page(alice, [['channel', 'anchors']], { anchor: 'first_unread', num_before: 1, num_after: 1 })
        ).messages.map((message) => message.id),
      ).toEqual([ids[3], ids[4]]);
    });

    it('mark_stream_as_read reads one channel with its threads; mark_all_as_read everything; mark_topic_as_read is refused', async () => {
      const rootId = await restId(anchors, ids[0]);
      const reply = (
        await aliceRest.post<{ response: { zulipID: number } }>(
          `/channels/${anchors.channelID}/messages/${rootId}/replies`,
          { message: 'late reply' },
        )
      ).body.response.zulipID;
      const elsewhere = await send(alice, 'general', 'mark-all', 'unread elsewhere');
      await newEvents('channel.read');
      expect(
        await idsOf(bob, [
          ['channel', 'anchors'],
          ['is', 'unread'],
        ]),
      ).toEqual([ids[3], ids[4], reply]);

      expect((await bob.post('/mark_stream_as_read', { stream_id: anchors.zulipID })).body).toEqual({
        result: 'success',
        msg: '',
      });
      expect(
        await idsOf(bob, [
          ['channel', 'anchors'],
          ['is', 'unread'],
        ]),
      ).toEqual([]);
      const streamEvents = await newEvents<ReadEvent>('channel.read');
      expect(streamEvents.map((event) => [event.channel.channelId, event.threadId]).sort()).toEqual([
        [anchors.channelID, null],
        [anchors.channelID, rootId],
      ]);
      expect(await idsOf(bob, [['is', 'unread']])).toContain(elsewhere);

      expect((await bob.post('/mark_all_as_read')).body).toEqual({ result: 'success', msg: '', complete: true });
      expect(await idsOf(bob, [['is', 'unread']])).toEqual([]);
      const allEvents = await newEvents<ReadEvent>('channel.read');
      expect(allEvents.length).toBeGreaterThan(0);
      expect(new Set(allEvents.map((event) => `${event.channel.channelId}:${event.threadId}`)).size).toBe(
        allEvents.length,
      );
      expect(allEvents.every((event) => event.flipped.read)).toBe(true);
      // Nothing unread: Corteza's channel answer has no unread block.
      expect(
        (await bobRest.get<{ response: { unread?: { count: number } } }>(`/channels/${general.channelID}`)).body
          .response.unread,
      ).toBeUndefined();
      // Nothing left: no event.
      expect((await bob.post('/mark_all_as_read')).body).toMatchObject({ result: 'success' });
      expect(await newEvents('channel.read')).toEqual([]);

      expect((await bob.post('/mark_stream_as_read', { stream_id: secret.zulipID })).body).toMatchObject({
        result: 'error',
        code: 'STREAM_DOES_NOT_EXIST',
      });
      expect((await bob.post('/mark_stream_as_read', {})).body).toMatchObject({
        result: 'error',
        code: 'BAD_REQUEST',
        var_name: 'stream_id',
      });
      const topic = await bob.post('/mark_topic_as_read', { stream_id: anchors.zulipID, topic_name: 'main' });
      expect(topic.status).toBe(400);
      expect(topic.body).toMatchObject({
        result: 'error',
        code: 'BAD_REQUEST',
        msg: expect.stringContaining('not supported'),
      });
    });
  });

  it('works through the unmodified zulip-js client: flags.add/remove, reactions.add, messages.deleteReactionById', async () => {
    const id = await send(alice, 'general', 'zulip-js', 'from alice');
    const client = await zulipInit({ username: org.users[1].email, apiKey: org.users[1].token, realm: cluster.apiUrl });
    expect(await client.messages.flags.remove({ flag: 'read', messages: [id] })).toMatchObject({ result: 'success' });
    expect(await client.messages.getById({ message_id: id })).toMatchObject({ message: { flags: [] } });
    expect(await client.messages.flags.add({ flag: 'read', messages: [id] })).toEqual({
      result: 'success',
      msg: '',
      messages: [id],
    });
    expect(await client.messages.flags.add({ flag: 'starred', messages: [id] })).toMatchObject({
      result: 'success',
      messages: [id],
    });
    expect(await client.reactions.add({ message_id: id, emoji_name: 'tada' })).toEqual({ result: 'success', msg: '' });
    expect(await client.messages.getById({ message_id: id })).toMatchObject({
      message: {
        flags: ['read', 'starred'],
        reactions: [expect.objectContaining({ emoji_name: 'tada', user_id: bobZulipId })],
      },
    });
    expect(await client.reactions.add({ message_id: id, emoji_name: 'tada' })).toMatchObject({
      result: 'error',
      code: 'REACTION_ALREADY_EXISTS',
    });
    expect(await client.messages.deleteReactionById({ message_id: id, emoji_name: 'tada' })).toEqual({
      result: 'success',
      msg: '',
    });
    expect(await client.reactions.remove({ message_id: id, emoji_name: 'tada' })).toMatchObject({
      result: 'error',
      code: 'REACTION_DOES_NOT_EXIST',
    });
    expect(await client.messages.getById({ message_id: id })).toMatchObject({ message: { reactions: [] } });
  });
});
