import { Client } from 'pg';
import { Redis } from 'ioredis';
import { encodeSlackId, slackTsFromId } from '@switchboard/contracts';
import { EventLog } from '@switchboard/platform';
import { api } from '../support/api';
import { createOrg, type TestOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { httpRequest } from '../support/http';
import { INTERNAL_SECRET, TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/env';
import { freePort, type AppProcess } from '../support/processes';
import { RtmTestClient } from '../support/rtm-client';

type Body<T = Record<string, string>> = { response: T; error?: { code: string } };
const MEMBER_ROLE = '2';

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]();
      }
    }),
  );
  return results;
}

async function metric(app: AppProcess, name: string): Promise<number> {
  const { text } = await httpRequest(`${app.url}/metrics`, { method: 'GET' });
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

/** The texts of the message frames a socket got in one public channel, in arrival order. */
function messagesIn(socket: RtmTestClient, channelId: string): string[] {
  const slackChannel = encodeSlackId('public', channelId);
  return socket
    .ofType('message')
    .filter((frame) => frame.channel === slackChannel)
    .map((frame) => frame.text as string);
}

/** The bodies of a channel's messages in the order of their outbox event ids (commit order). */
async function bodiesInEventOrder(db: Client, organisationId: string, channelId: string): Promise<string[]> {
  const { rows } = await db.query<{ body: string }>(
    "SELECT m.body FROM outbox_events o JOIN messages m ON m.id = (o.payload #>> '{message,messageId}')::bigint WHERE o.organisation_id = $1 AND m.channel_id = $2 ORDER BY o.event_id",
    [organisationId, channelId],
  );
  return rows.map((row) => row.body);
}

describe('write path: batched posts keep order, exactly-once delivery and authorisation', () => {
  let cluster: Cluster;
  let org: TestOrg;
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  const redis = new Redis(TEST_REDIS_URL);

  beforeAll(async () => {
    org = createOrg(5); // before the cluster: see status.e2e.ts
    cluster = await Cluster.start({ realtimeReplicas: 2 });
    await db.connect();
  });

  afterAll(async () => {
    await cluster.stop();
    await db.end();
    await redis.quit();
  });

  it('the database computes the same Slack ts as the contracts do', async () => {
    const ids = ['1', '4194303', '4194304', '8797216473088999', '1234567890123456789', String(2n ** 62n + 12345n)];
    const { rows } = await db.query<{ ts: string }>('SELECT slack_ts(id) AS ts FROM unnest($1::bigint[]) AS id', [ids]);
    expect(rows.map((row) => row.ts)).toEqual(ids.map((id) => slackTsFromId(id)));
  });

  it('messaging-service opens its whole PostgreSQL pool at start and keeps it, so no burst waits for a cold connection', async () => {
    // DATABASE_POOL_SIZE is 10 by default; MessagePostBatcher prepares the batch statement on each at start.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'switchboard'`,
    );
    expect(Number(rows[0].n)).toBeGreaterThanOrEqual(10);
  });

  it('concurrent posters in one organisation: every post stored once and delivered once, in event order, to every member socket', async () => {
    const posters = [org.admin, ...org.users];
    const admin = api(cluster.apiUrl, org.admin.token);
    const channel = (await admin.post<Body>('/channels/', { name: 'busy', members: org.users.map((user) => user.id) }))
      .body.response;
    const sockets = await Promise.all(
      posters.map((user, index) => RtmTestClient.connect(cluster.apiUrl, user.token, cluster.realtime[index % 2].port)),
    );
    const inserted = `message_post_batch_posts_total{outcome="inserted"}`;
    const before = await metric(cluster.messaging, inserted);

    // Six posters at once, each waiting for its previous answer (so its own posts have an order), plus
    // bursts of unordered posts to make the batches bigger.
    const perPoster = 25;
    const sequential = posters.map((user, u) => async () => {
      const statuses: number[] = [];
      for (let i = 0; i < perPoster; i++)
        statuses.push(
          (
            await api(cluster.apiUrl, user.token).post(`/channels/${channel.channelID}/messages/`, {
              message: `p${u}-${i}`,
            })
          ).status,
        );
      return statuses;
    });
    const bursts = Array.from(
      { length: 60 },
      (_, i) => () =>
        api(cluster.apiUrl, posters[i % posters.length].token)
          .post(`/channels/${channel.channelID}/messages/`, { message: `burst-${i}` })
          .then((answer) => [answer.status]),
    );
    const answers = (await pool([...sequential, ...bursts], 18)).flat();
    expect(answers.every((status) => status === 200)).toBe(true);
    const total = posters.length * perPoster + bursts.length;
    expect(answers).toHaveLength(total);

    // Each poster's own posts were acknowledged in order, so they must also be stored and delivered in that order.
    const { rows } = await db.query<{ body: string; n: string }>(
      'SELECT body, count(*)::text AS n FROM messages WHERE channel_id = $1 GROUP BY body',
      [channel.channelID],
    );
    expect(rows).toHaveLength(total);
    expect(rows.every((row) => row.n === '1')).toBe(true);

    // Acknowledged means committed; the relay publishes right after, so give it a moment.
    let logged: string[] = [];
    for (let tries = 0; tries < 100 && logged.length < total; tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      const log = await new EventLog(redis).readAfter(org.id, '0', 10_000);
      logged = log.events
        .filter((event) => event.type === 'message.created')
        .map((event) => (event.payload as { message: { message: string } }).message.message);
    }
    expect(logged).toHaveLength(total);
    const slackChannel = encodeSlackId('public', channel.channelID);
    for (const socket of sockets) {
      await socket.waitUntil(() => socket.ofType('message').length >= total, 15000, 'every message');
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const socket of sockets) {
      const texts = socket
        .ofType('message')
        .filter((frame) => frame.channel === slackChannel)
        .map((frame) => frame.text as string);
      expect(texts).toEqual(logged); // same order as the event ids, nothing twice, nothing missing
      socket.close();
    }
    for (const [u] of posters.entries()) {
      const mine = logged.filter((text) => text.startsWith(`p${u}-`));
      expect(mine).toEqual(Array.from({ length: perPoster }, (_, i) => `p${u}-${i}`));
    }
    // The batched statement took them (the first post of a poster may miss the caches and take the ordinary path).
    expect((await metric(cluster.messaging, inserted)) - before).toBeGreaterThanOrEqual(total - posters.length);
    expect(await metric(cluster.messaging, 'message_post_batch_posts_total{outcome="failed"}')).toBe(0);
    // The author's read marker follows their newest post, as on the ordinary path.
    const { rows: markers } = await db.query<{ last: string }>(
      'SELECT last_read_message_id::text AS last FROM channel_members WHERE channel_id = $1 AND user_id = $2',
      [channel.channelID, org.users[0].id],
    );
    const { rows: newest } = await db.query<{ id: string }>(
      'SELECT max(id)::text AS id FROM messages WHERE channel_id = $1 AND user_id = $2',
      [channel.channelID, org.users[0].id],
    );
    expect(markers[0].last).toBe(newest[0].id);
  });

  it('mentions are recorded and the message comes back in the ordinary shape', async () => {
    const admin = api(cluster.apiUrl, org.admin.token);
    const channel = (await admin.post<Body>('/channels/', { name: 'shape', members: [org.users[0].id] })).body.response;
    const posted = (
      await admin.post<Body<Record<string, unknown>>>(`/channels/${channel.channelID}/messages/`, {
        message: `hi @${org.users[0].handle}`,
      })
    ).body.response;
    const history = (
      await admin.get<Body<{ messages: Record<string, unknown>[] }>>(`/channels/${channel.channelID}/messages/`)
    ).body.response;
    expect(posted).toEqual(history.messages[0]);
    const { rows } = await db.query('SELECT user_id::text FROM message_mentions WHERE message_id = $1', [
      posted.messageID,
    ]);
    expect(rows).toEqual([{ user_id: org.users[0].id }]);
  });

  it('a rule change refuses the next post at once, though the rules were cached', async () => {
    const admin = api(cluster.apiUrl, org.admin.token);
    const member = api(cluster.apiUrl, org.users[1].token);
    const channel = (await admin.post<Body>('/channels/', { name: 'ruled', members: [org.users[1].id] })).body.response;
    expect((await member.post(`/channels/${channel.channelID}/messages/`, { message: 'warm' })).status).toBe(200);
    const rule = { resource: `messaging:channel:${channel.channelID}`, operation: 'message.send' };
    expect(
      (await admin.call('PATCH', `/permissions/${MEMBER_ROLE}/rules`, { rules: [{ ...rule, access: 'deny' }] })).status,
    ).toBe(200);
    const refused = await member.post<Body>(`/channels/${channel.channelID}/messages/`, { message: 'denied' });
    expect({ status: refused.status, code: refused.body.error?.code }).toEqual({ status: 403, code: 'forbidden' });
    expect(
      (await admin.call('PATCH', `/permissions/${MEMBER_ROLE}/rules`, { rules: [{ ...rule, access: 'inherit' }] }))
        .status,
    ).toBe(200);
    expect((await member.post(`/channels/${channel.channelID}/messages/`, { message: 'allowed again' })).status).toBe(
      200,
    );
    expect((await admin.put(`/channels/${channel.channelID}/state`, { state: 'archive' })).status).toBe(200);
    const readOnly = await member.post<Body>(`/channels/${channel.channelID}/messages/`, { message: 'archived' });
    expect({ status: readOnly.status, code: readOnly.body.error?.code }).toEqual({
      status: 409,
      code: 'channel_archived',
    });
  });

  it('a removed member cannot post 1 s later through any messaging-service replica', async () => {
    const second = await cluster.messagingProcess({ OUTBOX_RELAY_ENABLED: 'false' }, await freePort()).start();
    try {
      const admin = api(cluster.apiUrl, org.admin.token);
      const user = org.users[2];
      const channel = (await admin.post<Body>('/channels/', { name: 'leaving', type: 'private', members: [user.id] }))
        .body.response;
      const viaSecond = (message: string) =>
        httpRequest(`${second.url}/internal/v1/channels/${channel.channelID}/messages`, {
          method: 'POST',
          headers: { 'x-internal-secret': INTERNAL_SECRET, 'x-actor-id': user.id, 'content-type': 'application/json' },
          body: JSON.stringify({ message }),
        });
      expect((await viaSecond('warm the second replica')).status).toBe(201);
      expect(
        (
          await api(cluster.apiUrl, user.token).post(`/channels/${channel.channelID}/messages/`, {
            message: 'warm the first',
          })
        ).status,
      ).toBe(200);

      expect((await admin.delete(`/channels/${channel.channelID}/members/${user.id}`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await viaSecond('after removal')).status).toBe(404); // a private channel one left is not found
      expect(
        (
          await api(cluster.apiUrl, user.token).post(`/channels/${channel.channelID}/messages/`, {
            message: 'after removal',
          })
        ).status,
      ).toBe(404);
      const { rows } = await db.query('SELECT 1 FROM messages WHERE channel_id = $1 AND body = $2', [
        channel.channelID,
        'after removal',
      ]);
      expect(rows).toHaveLength(0);
    } finally {
      await second.stop();
    }
  });

  it("the leader's posts are handed to its relay, another replica's between them are read: each delivered once, in event order", async () => {
    const second = await cluster.messagingProcess({ OUTBOX_RELAY_ENABLED: 'false' }, await freePort()).start();
    try {
      const admin = api(cluster.apiUrl, org.admin.token);
      const user = org.users[1];
      const channel = (await admin.post<Body>('/channels/', { name: 'interleaved', members: [user.id] })).body.response;
      const socket = await RtmTestClient.connect(cluster.apiUrl, user.token, cluster.realtime[1].port);
      const handedBefore = await metric(cluster.messaging, 'outbox_events_handed_over_total');
      const viaSecond = (message: string) =>
        httpRequest(`${second.url}/internal/v1/channels/${channel.channelID}/messages`, {
          method: 'POST',
          headers: { 'x-internal-secret': INTERNAL_SECRET, 'x-actor-id': user.id, 'content-type': 'application/json' },
          body: JSON.stringify({ message }),
        });
      const rounds = 40;
      for (let i = 0; i < rounds; i++) {
        // One post through the relay's replica (handed over) and one through the other (NOTIFY), at once.
        const [leader, other] = await Promise.all([
          api(cluster.apiUrl, user.token).post(`/channels/${channel.channelID}/messages/`, { message: `l${i}` }),
          viaSecond(`s${i}`),
        ]);
        expect([leader.status, other.status]).toEqual([200, 201]);
      }
      let logged: string[] = [];
      for (let tries = 0; tries < 100 && logged.length < 2 * rounds; tries++) {
        if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        logged = (await new EventLog(redis).readAfter(org.id, '0', 10_000)).events
          .filter((event) => event.type === 'message.created')
          .map((event) => event.payload as { message: { message: string }; channel: { channelId: string } })
          .filter((payload) => payload.channel.channelId === channel.channelID)
          .map((payload) => payload.message.message);
      }
      expect([...logged].sort()).toEqual(
        Array.from({ length: rounds }, (_, i) => [`l${i}`, `s${i}`])
          .flat()
          .sort(),
      );
      const texts = () => messagesIn(socket, channel.channelID);
      await socket.waitUntil(() => texts().length >= 2 * rounds, 15000, 'every message');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(texts()).toEqual(logged); // event order, nothing twice, nothing missing
      expect(await bodiesInEventOrder(db, org.id, channel.channelID)).toEqual(logged); // the stream's order is the commit order
      expect((await metric(cluster.messaging, 'outbox_events_handed_over_total')) - handedBefore).toBeGreaterThan(0);

      // Another writer's event that no NOTIFY announces: the next handed post does not continue the
      // relay's position, so the relay reads, and sends both in event order.
      await db.query(
        `WITH k AS (
           INSERT INTO org_event_counters AS c (organisation_id, last_event_id) VALUES ($1, 1)
           ON CONFLICT (organisation_id) DO UPDATE SET last_event_id = c.last_event_id + 1 RETURNING last_event_id)
         INSERT INTO outbox_events (organisation_id, event_id, type, actor_id, audience, payload)
         SELECT $1, last_event_id, 'status.cleared', NULL, $2::jsonb, $3::jsonb FROM k`,
        [org.id, JSON.stringify({ userIds: [user.id] }), JSON.stringify({ userId: user.id, reason: 'cleared' })],
      );
      const after = await api(cluster.apiUrl, user.token).post(`/channels/${channel.channelID}/messages/`, {
        message: 'after a silent event',
      });
      expect(after.status).toBe(200);
      await socket.waitUntil(() => texts().includes('after a silent event'), 5000, 'the post after the gap');
      const tail = (await new EventLog(redis).readAfter(org.id, '0', 10_000)).events.slice(-2);
      expect(tail.map((event) => event.type)).toEqual(['status.cleared', 'message.created']);
      expect(BigInt(tail[1].eventId) - BigInt(tail[0].eventId)).toBe(1n);
      socket.close();
    } finally {
      await second.stop();
    }
  });

  it('a relay that falls behind reads instead of holding hand-overs, and still delivers each post once, in event order', async () => {
    // One row per relay batch: a burst of group-committed posts outruns it at once.
    await cluster.messaging.stop();
    cluster.messaging = await cluster.messagingProcess({ OUTBOX_BATCH_SIZE: '1' }).start();
    try {
      const admin = api(cluster.apiUrl, org.admin.token);
      const user = org.users[0];
      const channel = (await admin.post<Body>('/channels/', { name: 'behind', members: [user.id] })).body.response;
      const socket = await RtmTestClient.connect(cluster.apiUrl, user.token, cluster.realtime[0].port);
      const total = 150;
      const answers = await pool(
        Array.from(
          { length: total },
          (_, i) => () =>
            api(cluster.apiUrl, i % 2 ? org.admin.token : user.token)
              .post(`/channels/${channel.channelID}/messages/`, { message: `behind-${i}` })
              .then((answer) => answer.status),
        ),
        30,
      );
      expect(answers.every((status) => status === 200)).toBe(true);
      await socket.waitUntil(() => messagesIn(socket, channel.channelID).length >= total, 15000, 'every message');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const committed = await bodiesInEventOrder(db, org.id, channel.channelID);
      expect(committed).toHaveLength(total);
      expect(messagesIn(socket, channel.channelID)).toEqual(committed); // commit order, nothing twice, nothing missing
      expect(await metric(cluster.messaging, 'outbox_hand_overs_refused_total')).toBeGreaterThan(0);
      expect(await metric(cluster.messaging, 'outbox_events_handed_over_total')).toBeGreaterThan(0);
      socket.close();
    } finally {
      await cluster.messaging.stop();
      cluster.messaging = await cluster.messagingProcess().start();
    }
  });

  it('a user deactivated meanwhile is refused at once, though the actor was cached', async () => {
    const admin = api(cluster.apiUrl, org.admin.token);
    const user = org.users[4];
    const channel = (await admin.post<Body>('/channels/', { name: 'deactivated', members: [user.id] })).body.response;
    expect(
      (await api(cluster.apiUrl, user.token).post(`/channels/${channel.channelID}/messages/`, { message: 'warm' }))
        .status,
    ).toBe(200);
    await db.query('UPDATE users SET deactivated_at = now() WHERE id = $1', [user.id]);
    const refused = await api(cluster.apiUrl, user.token).post<Body>(`/channels/${channel.channelID}/messages/`, {
      message: 'after deactivation',
    });
    expect({ status: refused.status, code: refused.body.error?.code }).toEqual({
      status: 401,
      code: 'account_inactive',
    });
    const { rows } = await db.query('SELECT 1 FROM messages WHERE channel_id = $1 AND body = $2', [
      channel.channelID,
      'after deactivation',
    ]);
    expect(rows).toHaveLength(0);
  });

  it('no acknowledged post is lost or duplicated when messaging-service is SIGKILLed during a burst', async () => {
    const admin = api(cluster.apiUrl, org.admin.token);
    const channel = (await admin.post<Body>('/channels/', { name: 'burst', members: [org.users[3].id] })).body.response;
    const socket = await RtmTestClient.connect(cluster.apiUrl, org.users[3].token, cluster.realtime[0].port);
    const acknowledged: string[] = [];
    let stop = false;
    const posting = (async () => {
      for (let i = 0; !stop && i < 2000; i++) {
        const texts = Array.from({ length: 8 }, (_, k) => `b${i}-${k}`);
        await Promise.all(
          texts.map(async (text) => {
            const answer = await admin
              .post(`/channels/${channel.channelID}/messages/`, { message: text })
              .catch(() => null);
            if (answer?.status === 200) acknowledged.push(text);
          }),
        );
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 700));
    await cluster.messaging.stop('SIGKILL');
    cluster.messaging = await cluster.messagingProcess().start();
    await new Promise((resolve) => setTimeout(resolve, 700));
    stop = true;
    await posting;

    const { rows } = await db.query<{ body: string }>('SELECT body FROM messages WHERE channel_id = $1', [
      channel.channelID,
    ]);
    const stored = rows.map((row) => row.body);
    expect(new Set(stored).size).toBe(stored.length);
    for (const text of acknowledged) expect(stored).toContain(text);
    await socket.waitUntil(() => socket.ofType('message').length >= stored.length, 15000, 'every stored message');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const delivered = socket.ofType('message').map((frame) => frame.text as string);
    expect(delivered.sort()).toEqual([...stored].sort()); // every committed post once, acknowledged or not
    expect(acknowledged.length).toBeGreaterThan(0);
    socket.close();
  });
});
