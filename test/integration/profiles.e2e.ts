import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { type AnyDomainEvent, encodeSlackId, InternalRoutes, type UpdateProfileDto } from '@switchboard/contracts';
import { EventLog, InternalClient } from '@switchboard/platform';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { INTERNAL_SECRET, TEST_REDIS_URL } from '../support/env';
import { type Frame, RtmTestClient } from '../support/rtm-client';
import { type ZulipApi, zulipApi } from '../support/zulip';

type ZulipEvent = Record<string, unknown> & { id: number; type: string };
type SlackUser = { id: string; name: string; real_name: string; profile: Record<string, string> };

/** Polls a Zulip queue (never acknowledging) until `count` events match. */
async function queueEvents(
  zulip: ZulipApi,
  queueId: string,
  predicate: (event: ZulipEvent) => boolean,
  count = 1,
): Promise<ZulipEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const polled = await zulip.get('/events', { queue_id: queueId, last_event_id: -1, dont_block: true });
    expect(polled.body).toMatchObject({ result: 'success' });
    const found = (polled.body.events as ZulipEvent[]).filter(predicate);
    if (found.length >= count) return found;
    if (Date.now() > deadline)
      throw new Error(`timed out; events so far: ${JSON.stringify(polled.body.events).slice(0, 3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('profile edits: Slack users.profile.set, Zulip PATCH /settings, seen live in every dialect', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let redis: Redis;
  let ada: WebClient;
  let watcher: WebClient;
  let adaZulip: ZulipApi;
  let thirdZulip: ZulipApi;
  let rtm: RtmTestClient;
  let queueId: string;
  let adaQueueId: string;
  const adaSlackId = () => encodeSlackId('user', org.users[0].id);
  const userChanges = () => rtm.ofType('user_change') as (Frame & { user: SlackUser; sb_event_id: string })[];
  const profileEvents = async () =>
    (await new EventLog(redis).readAfter(org.id, '0')).events.filter(
      (event): event is AnyDomainEvent & { type: 'user.updated' } => event.type === 'user.updated',
    );

  beforeAll(async () => {
    cluster = await Cluster.start();
    org = createOrg(3);
    redis = new Redis(TEST_REDIS_URL);
    const slackApiUrl = `${cluster.apiUrl}/api/`;
    ada = new WebClient(org.users[0].token, { slackApiUrl, retryConfig: { retries: 0 } });
    watcher = new WebClient(org.users[1].token, { slackApiUrl, retryConfig: { retries: 0 } });
    adaZulip = zulipApi(cluster.apiUrl, org.users[0].email, org.users[0].token);
    thirdZulip = zulipApi(cluster.apiUrl, org.users[2].email, org.users[2].token);
    rtm = await RtmTestClient.connect(cluster.apiUrl, org.users[1].token);
    const registered = await thirdZulip.post('/register', { event_types: ['realm_user', 'message'] });
    expect(registered.body).toMatchObject({ result: 'success' });
    queueId = registered.body.queue_id as string;
    adaQueueId = (await adaZulip.post('/register', { event_types: ['message'] })).body.queue_id as string;
  });

  afterAll(async () => {
    rtm?.socket.close();
    redis?.disconnect();
    await cluster.stop();
  });

  it('users.profile.set from the unmodified @slack/web-api renames the caller; RTM, Zulip queues and directories all see it', async () => {
    // A direct message first, so the realtime replica caches its recipients under the old name.
    expect(
      (await adaZulip.post('/messages', { type: 'direct', to: [org.users[2].email], content: 'before' })).body,
    ).toMatchObject({ result: 'success' });
    const [before] = await queueEvents(thirdZulip, queueId, (event) => event.type === 'message');
    expect(before.message).toMatchObject({
      sender_full_name: 'User 0',
      display_recipient: expect.arrayContaining([expect.objectContaining({ full_name: 'User 0' })]),
    });

    const set = await ada.users.profile.set({ profile: { real_name: 'Ada Lovelace', display_name: 'Ada' } });
    expect(set).toMatchObject({
      ok: true,
      username: 'ada',
      profile: { real_name: 'Ada Lovelace', display_name: 'ada', email: org.users[0].email },
    });

    const change = (await rtm.waitFor((frame) => frame.type === 'user_change')) as Frame & { user: SlackUser };
    const info = await watcher.users.info({ user: adaSlackId() });
    expect(info.user).toMatchObject({
      id: adaSlackId(),
      name: 'ada',
      real_name: 'Ada Lovelace',
      profile: { real_name: 'Ada Lovelace', display_name: 'ada' },
    });
    expect(change.user).toStrictEqual(info.user);
    expect(change).toMatchObject({ sb_event_id: expect.any(String), event_ts: expect.any(String) });
    expect((await watcher.users.profile.get({ user: adaSlackId() })).profile).toStrictEqual(info.user!.profile);
    expect((await ada.users.profile.get({})).profile).toStrictEqual(info.user!.profile);

    const [update] = await queueEvents(thirdZulip, queueId, (event) => event.type === 'realm_user');
    const users = (await thirdZulip.get('/users')).body.members as {
      user_id: number;
      email: string;
      full_name: string;
    }[];
    const adaZulipId = users.find((user) => user.email === org.users[0].email)!.user_id;
    expect(update).toStrictEqual({
      type: 'realm_user',
      op: 'update',
      id: Number(change.sb_event_id),
      person: { user_id: adaZulipId, full_name: 'Ada Lovelace' },
    });
    expect(users.find((user) => user.user_id === adaZulipId)!.full_name).toBe('Ada Lovelace');
    expect((await adaZulip.get('/users/me')).body).toMatchObject({ full_name: 'Ada Lovelace' });

    // The cached recipients of that conversation follow the rename at once, not after a minute.
    await adaZulip.post('/messages', { type: 'direct', to: [org.users[2].email], content: 'after' });
    const after = (await queueEvents(thirdZulip, queueId, (event) => event.type === 'message', 2))[1];
    expect(after.message).toMatchObject({ content: 'after', sender_full_name: 'Ada Lovelace' });
    expect(
      (after.message as { display_recipient: { full_name: string }[] }).display_recipient.map(
        (recipient) => recipient.full_name,
      ),
    ).toContain('Ada Lovelace');
    expect(
      (after.message as { display_recipient: { full_name: string }[] }).display_recipient.map(
        (recipient) => recipient.full_name,
      ),
    ).not.toContain('User 0');
  });

  it('takes the legacy name + value pair; a handle-only change reaches RTM but is no Zulip event; an unchanged profile emits nothing', async () => {
    const eventsBefore = (await profileEvents()).length;
    const framesBefore = userChanges().length;
    expect(await ada.users.profile.set({ name: 'display_name', value: 'countess' })).toMatchObject({
      ok: true,
      username: 'countess',
      profile: { display_name: 'countess' },
    });
    expect(
      await ada.users.profile.set({ profile: { real_name: 'Ada Lovelace', display_name: 'countess' } }),
    ).toMatchObject({ ok: true });
    expect(await ada.users.profile.set({ profile: { title: 'not stored' } })).toMatchObject({
      ok: true,
      profile: { real_name: 'Ada Lovelace' },
    });
    await rtm.waitUntil(() => userChanges().length === framesBefore + 1);
    expect(userChanges().at(-1)!.user).toMatchObject({ name: 'countess', real_name: 'Ada Lovelace' });
    expect((await profileEvents()).length).toBe(eventsBefore + 1);

    // Zulip's current endpoint and its legacy alias; unsupported parameters are listed, not refused.
    const patched = await adaZulip.patch('/settings', {
      full_name: '  Countess of Lovelace ',
      left_side_userlist: true,
    });
    expect(patched.body).toEqual({
      result: 'success',
      msg: '',
      ignored_parameters_unsupported: ['left_side_userlist'],
    });
    expect((await adaZulip.patch('/settings/display', { full_name: 'Ada, Countess of Lovelace' })).body).toEqual({
      result: 'success',
      msg: '',
    });
    await rtm.waitUntil(() => userChanges().length === framesBefore + 3);
    expect(
      userChanges()
        .slice(-2)
        .map((frame) => frame.user.real_name),
    ).toEqual(['Countess of Lovelace', 'Ada, Countess of Lovelace']);

    const renames = await queueEvents(thirdZulip, queueId, (event) => event.type === 'realm_user', 3);
    expect(renames.map((event) => (event.person as { full_name: string }).full_name)).toEqual([
      'Ada Lovelace',
      'Countess of Lovelace',
      'Ada, Countess of Lovelace',
    ]);
    expect((await watcher.users.info({ user: adaSlackId() })).user).toMatchObject({
      name: 'countess',
      real_name: 'Ada, Countess of Lovelace',
    });
    const [last] = (await profileEvents()).slice(-1);
    expect(last.payload.previous).toMatchObject({ name: 'Countess of Lovelace', handle: 'countess' });
    expect(last.actorId).toBe(org.users[0].id);

    // Ada's own queue, registered before the renames and acknowledged past them, flags mentions of her new handle.
    const seen = (await adaZulip.get('/events', { queue_id: adaQueueId, last_event_id: -1, dont_block: true })).body
      .events as ZulipEvent[];
    const acked = Math.max(...seen.map((event) => event.id));
    await adaZulip.get('/events', { queue_id: adaQueueId, last_event_id: acked, dont_block: true });
    await zulipApi(cluster.apiUrl, org.users[1].email, org.users[1].token).post('/messages', {
      type: 'direct',
      to: [org.users[0].email],
      content: 'ping @countess',
    });
    const deadline = Date.now() + 10_000;
    let mention: ZulipEvent | undefined;
    while (!mention && Date.now() < deadline)
      mention = (
        (await adaZulip.get('/events', { queue_id: adaQueueId, last_event_id: acked })).body.events as ZulipEvent[]
      ).find((event) => event.type === 'message');
    expect(mention).toMatchObject({
      message: { content: 'ping @countess' },
      flags: expect.arrayContaining(['mentioned']),
    });
  });

  it('replays user_change to a socket that resumes from before it', async () => {
    const [first] = userChanges();
    const resumed = await RtmTestClient.connect(
      cluster.apiUrl,
      org.users[2].token,
      undefined,
      String(BigInt(first.sb_event_id) - 1n),
    );
    try {
      await resumed.waitFor((frame) => frame.type === 'resumed');
      const replayed = resumed.ofType('user_change') as (Frame & { user: SlackUser })[];
      expect(replayed.map((frame) => frame.sb_event_id)).toEqual(userChanges().map((frame) => frame.sb_event_id));
      expect(replayed[0].user).toMatchObject({ id: adaSlackId(), real_name: 'Ada Lovelace', name: 'ada' });
    } finally {
      resumed.socket.close();
    }
  });

  it('refuses taken handles and bad input in each dialect with 4xx, changing nothing', async () => {
    const eventsBefore = (await profileEvents()).length;
    const slackError = (call: Promise<unknown>) =>
      call.then(
        () => 'ok',
        (error: { data?: { error?: string } }) => error.data?.error,
      );
    expect(await slackError(ada.users.profile.set({ profile: { display_name: org.users[1].handle } }))).toBe(
      'name_taken',
    );
    expect(await slackError(ada.users.profile.set({ profile: { display_name: org.admin.handle.toUpperCase() } }))).toBe(
      'name_taken',
    );
    expect(await slackError(ada.users.profile.set({ profile: 'not json' as never }))).toBe('invalid_profile');
    expect(await slackError(ada.users.profile.set({}))).toBe('invalid_profile');
    expect(await slackError(ada.users.profile.set({ profile: { real_name: '  ' } }))).toBe('invalid_name_required');
    expect(await slackError(ada.users.profile.set({ profile: { real_name: 'x'.repeat(101) } }))).toBe(
      'invalid_name_maxlength',
    );
    expect(await slackError(ada.users.profile.set({ profile: { display_name: 'ada lovelace' } }))).toBe(
      'invalid_name_specials',
    );
    expect(await slackError(ada.users.profile.set({ profile: { email: 'other@example.test' } }))).toBe('not_admin');
    expect(
      await slackError(
        ada.users.profile.set({ user: encodeSlackId('user', org.users[1].id), profile: { real_name: 'Hijack' } }),
      ),
    ).toBe('not_admin');
    expect(
      await slackError(
        new WebClient(undefined, {
          slackApiUrl: `${cluster.apiUrl}/api/`,
          retryConfig: { retries: 0 },
        }).users.profile.set({ profile: { real_name: 'x' } }),
      ),
    ).toBe('not_authed');

    for (const [fullName, msg] of [
      ['', 'Name too short!'],
      ['x'.repeat(101), 'Name too long!'],
    ]) {
      const refused = await adaZulip.patch('/settings', { full_name: fullName });
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ result: 'error', msg, code: 'BAD_REQUEST', var_name: 'full_name' });
    }

    const internal = (actorId: string, body: unknown) =>
      new InternalClient(cluster.messaging.url, INTERNAL_SECRET)
        .call({ actorId }, InternalRoutes.updateMyProfile, { body: body as UpdateProfileDto })
        .then(
          () => 'ok',
          (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
        );
    expect(await internal(org.users[0].id, { handle: org.users[1].handle })).toBe(
      `name_taken: The handle "${org.users[1].handle}" is already taken in this organisation`,
    );
    expect(await internal(org.users[0].id, { handle: 'trailing.' })).toMatch(
      /^validation_failed: .*must start and end with a letter or digit/,
    );
    expect(await internal(org.users[0].id, { name: 42 })).toMatch(/^validation_failed: /);

    expect((await watcher.users.info({ user: adaSlackId() })).user).toMatchObject({
      name: 'countess',
      real_name: 'Ada, Countess of Lovelace',
    });
    expect((await profileEvents()).length).toBe(eventsBefore);
  });

  it('lets exactly one of two users racing for the same free handle have it', async () => {
    const third = new WebClient(org.users[2].token, {
      slackApiUrl: `${cluster.apiUrl}/api/`,
      retryConfig: { retries: 0 },
    });
    const results = await Promise.all(
      [ada, third].map((client) =>
        client.users.profile.set({ profile: { display_name: 'zed' } }).then(
          () => 'ok',
          (error: { data?: { error?: string } }) => error.data?.error,
        ),
      ),
    );
    expect(results.sort()).toEqual(['name_taken', 'ok']);
  });
});
