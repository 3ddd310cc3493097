/**
 * Fills its own database with a realistic organisation (≥ 1,000,000 messages over ≥ 1,000
 * channels) in bulk SQL, starts messaging-service and api-gateway from dist/, then measures search
 * and history latency through the real HTTP API and writes bench/results/search.json.
 *
 *   npm run bench:search        (BENCH_DATABASE_URL, BENCH_MESSAGES, BENCH_CHANNELS, BENCH_REQUESTS to tune)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { AppProcess, freePort } from '../test/support/processes';

const ROOT = path.resolve(__dirname, '..');
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/switchboard_bench_search';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 1_000);
const USERS = 500;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const SECRET = 'switchboard-bench-internal-secret';
const REPLY_SHARE = 0.1;

const VOCABULARY = (
  'deploy release build pipeline staging production rollback hotfix incident outage alert latency database index query cache redis ' +
  'postgres kubernetes cluster node pod service gateway socket event queue webhook retry backoff token auth login session user team ' +
  'channel thread reply mention reaction pin bookmark search unread message draft review merge branch commit test flaky green red ' +
  'lunch coffee meeting standup retro planning sprint ticket bug feature design spec roadmap customer support invoice billing ' +
  'migration schema backup restore metrics dashboard grafana logs trace span error warning timeout memory cpu disk network dns tls ' +
  'certificate proxy load balancer replica shard partition leader follower vote raft consensus quorum snapshot compaction vacuum'
).split(' ');

const log = (msg: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ t: new Date().toISOString(), msg, ...extra }));

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  const result = await work();
  log(label, { seconds: Number(process.hrtime.bigint() - start) / 1e9 });
  return result;
}

function cli(...args: string[]): Record<string, string> {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'dist/apps/messaging-service/cli.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL },
    encoding: 'utf8',
  });
  return out.trim() ? (JSON.parse(out) as Record<string, string>) : {};
}

async function recreateDatabase(): Promise<void> {
  const admin = new URL(DATABASE_URL);
  const name = admin.pathname.slice(1);
  if (!/^[A-Za-z0-9_]+$/.test(name) || !name.includes('bench'))
    throw new Error(`refusing to recreate ${name}: the bench database name must contain "bench"`);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  cli('migrate');
}

/** Users, channels and memberships; `reader` belongs to every private channel with id % 10 = 0. */
async function fillOrganisation(db: Client, orgId: string, readerId: string): Promise<void> {
  await db.query(
    `INSERT INTO users (id, organisation_id, email, handle, display_name, kind, role)
     SELECT next_id(), $1, 'user' || g || '@bench.test', 'user' || g, 'User ' || g, 'user', 'member' FROM generate_series(1, $2) g`,
    [orgId, USERS],
  );
  await db.query(
    `INSERT INTO channels (id, organisation_id, name, topic, type, creator_id)
     SELECT next_id(), $1, 'channel-' || g, 'Topic of channel ' || g, CASE WHEN g % 5 = 0 THEN 'private' ELSE 'public' END, $2
       FROM generate_series(1, $3) g`,
    [orgId, readerId, CHANNELS],
  );
  // About 25 members per channel, the reader in every public channel and one private channel in ten.
  await db.query(
    `INSERT INTO channel_members (channel_id, user_id, role)
     SELECT DISTINCT c.id, u.id, 'member' FROM channels c
       CROSS JOIN LATERAL (SELECT id FROM users WHERE organisation_id = $1 AND id <> $2 ORDER BY random() + (c.id % 7) LIMIT 25) u
      WHERE c.organisation_id = $1`,
    [orgId, readerId],
  );
  await db.query(
    `INSERT INTO channel_members (channel_id, user_id, role)
     SELECT id, $2, 'member' FROM channels WHERE organisation_id = $1 AND (type = 'public' OR (id / 1024) % 10 = 0)`,
    [orgId, readerId],
  );
}

/** Messages in bulk: Zipf-like channel activity and word frequencies, 10 % thread replies. */
async function fillMessages(db: Client, orgId: string): Promise<void> {
  const indexes = (
    await db.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'messages' AND indexname <> 'messages_pkey'`,
    )
  ).rows as { indexname: string; indexdef: string }[];
  // Building the indexes once after the fill is several times faster than maintaining them per row.
  for (const index of indexes) await db.query(`DROP INDEX ${index.indexname}`);
  const roots = Math.round(MESSAGES * (1 - REPLY_SHARE));
  const batch = 100_000;
  for (let done = 0; done < roots; done += batch) {
    const size = Math.min(batch, roots - done);
    await db.query(
      `WITH ch AS (SELECT array_agg(id ORDER BY id) AS ids FROM channels WHERE organisation_id = $1),
            us AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE organisation_id = $1),
            rows AS (
              SELECT next_id() AS id, ch.ids[1 + floor(cardinality(ch.ids) * power(random(), 2))::int] AS channel_id,
                     us.ids[1 + floor(cardinality(us.ids) * random())::int] AS user_id,
                     (SELECT string_agg(($2::text[])[1 + floor(cardinality($2::text[]) * power(random(), 3))::int], ' ')
                        FROM generate_series(1, 4 + (g % 17))) || CASE WHEN random() < 0.0002 THEN ' kumquat' ELSE '' END AS body
                FROM generate_series(1, $3) g, ch, us)
       INSERT INTO messages (id, organisation_id, channel_id, user_id, body, ts, created_at)
       SELECT id, $1, channel_id, user_id, body, id::text, now() FROM rows`,
      [orgId, VOCABULARY, size],
    );
    log('messages inserted', { rows: done + size });
  }
  const threads = Math.max(1, Math.round((MESSAGES - roots) / 5));
  await db.query(
    `INSERT INTO messages (id, organisation_id, channel_id, user_id, body, reply_to, ts)
     SELECT next_id(), $1, r.channel_id, r.user_id, 'reply about ' || r.body, r.id, next_id()::text
       FROM (SELECT id, channel_id, user_id, body FROM messages WHERE organisation_id = $1 ORDER BY random() LIMIT $2) r
      CROSS JOIN generate_series(1, 5)`,
    [orgId, threads],
  );
  await db.query(
    `UPDATE messages m SET reply_count = r.n FROM (SELECT reply_to, count(*)::int AS n FROM messages WHERE reply_to IS NOT NULL GROUP BY 1) r WHERE m.id = r.reply_to`,
  );
  for (const index of indexes) await timed(`index ${index.indexname}`, () => db.query(index.indexdef));
  // Members have read all but the last few messages of their channels (fresh joins read nothing).
  await db.query(
    `UPDATE channel_members cm SET last_read_message_id = (SELECT id FROM messages m WHERE m.channel_id = cm.channel_id AND m.reply_to IS NULL AND m.deleted_at IS NULL ORDER BY id DESC OFFSET (cm.user_id % 30) LIMIT 1)`,
  );
  await db.query('ANALYZE');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(
  name: string,
  gatewayUrl: string,
  token: string,
  paths: () => string,
): Promise<Record<string, number | string>> {
  const call = async (p: string) => {
    const response = await fetch(gatewayUrl + p, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${p}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { response: unknown };
  };
  for (let i = 0; i < 10; i++) await call(paths());
  const samples: number[] = [];
  let results = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    const body = await call(paths());
    samples.push(performance.now() - start);
    const response = body.response as unknown[] | { messages: unknown[] };
    results += Array.isArray(response) ? response.length : response.messages.length;
  }
  samples.sort((a, b) => a - b);
  const figure = {
    scenario: name,
    requests: REQUESTS,
    p50_ms: round(percentile(samples, 50)),
    p99_ms: round(percentile(samples, 99)),
    mean_results: round(results / REQUESTS),
  };
  log('measured', figure);
  return figure;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Which indexes PostgreSQL uses for the SQL behind each scenario (the repository's queries, literal values). */
async function explain(db: Client, sql: string, params: unknown[]): Promise<string[]> {
  const [{ 'QUERY PLAN': plan }] = (await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows as {
    'QUERY PLAN': unknown;
  }[];
  const names = new Set<string>();
  const walk = (node: Record<string, unknown>) => {
    if (typeof node['Index Name'] === 'string') names.add(node['Index Name']);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk((plan as { Plan: Record<string, unknown> }[])[0].Plan);
  return [...names];
}

const READABLE = `c.organisation_id = $1 AND c.deleted_at IS NULL AND (c.type = 'public' OR EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = $2))`;

async function main(): Promise<void> {
  const started = Date.now();
  await timed('database recreated and migrated', recreateDatabase);
  const boot = cli('admin', 'bootstrap', '--org', 'Bench Corp', '--email', 'admin@bench.test', '--name', 'Bench Admin');
  const reader = cli(
    'admin',
    'user',
    'create',
    '--org',
    boot.organisationID,
    '--email',
    'reader@bench.test',
    '--name',
    'Reader',
  );
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  await timed('organisation filled', () => fillOrganisation(db, boot.organisationID, reader.userID));
  const fillStart = Date.now();
  await timed('messages filled and indexed', () => fillMessages(db, boot.organisationID));
  const fillSeconds = (Date.now() - fillStart) / 1000;
  const counts = (
    await db.query(
      `SELECT (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM channels)::int AS channels, (SELECT count(*) FROM users)::int AS users`,
    )
  ).rows[0] as Record<string, number>;
  log('filled', counts);

  const messaging = await new AppProcess('messaging-service', await freePort(), {
    DATABASE_URL,
    REDIS_URL,
    INTERNAL_API_SECRET: SECRET,
    OUTBOX_RELAY_ENABLED: 'false',
  }).start();
  const gateway = await new AppProcess('api-gateway', await freePort(), {
    REDIS_URL,
    INTERNAL_API_SECRET: SECRET,
    MESSAGING_SERVICE_URL: messaging.url,
    REQUESTS_PER_TOKEN_PER_MINUTE: '0',
    REQUESTS_PER_IP_PER_MINUTE: '0',
  }).start();
  try {
    const readable = (
      await db.query(`SELECT c.id::text AS id FROM channels c WHERE ${READABLE} ORDER BY c.id`, [
        boot.organisationID,
        reader.userID,
      ])
    ).rows.map((row: { id: string }) => row.id);
    const busiest = (
      await db.query(`SELECT channel_id::text AS id FROM messages GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)
    ).rows[0].id as string;
    const some = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
    const rare = VOCABULARY.slice(-40);
    const common = VOCABULARY.slice(0, 10);
    const scenarios: [string, () => string][] = [
      ['search: one common word', () => `/search/messages?query=${some(common)}&limit=50`],
      ['search: one less common word', () => `/search/messages?query=${some(rare)}&limit=50`],
      ['search: a rare word (0.02 % of messages)', () => `/search/messages?query=kumquat&limit=50`],
      ['search: two words (AND)', () => `/search/messages?query=${some(rare)}+${some(VOCABULARY)}&limit=50`],
      [
        'search: word in one channel',
        () => `/search/messages?query=${some(VOCABULARY)}&channelID=${some(readable)}&limit=50`,
      ],
      ['search: threads by word', () => `/search/threads?query=${some(rare)}&limit=20`],
      ['history: newest page', () => `/channels/${some(readable)}/messages/?limit=50`],
      ['history: newest page of the busiest channel', () => `/channels/${busiest}/messages/?limit=50`],
      ['channel list with unread counts', () => `/channels/?query=channel-${1 + Math.floor(Math.random() * 99)}`],
    ];
    const figures = [];
    for (const [name, paths] of scenarios) figures.push(await measure(name, gateway.url, reader.token, paths));

    const org = boot.organisationID;
    const plans = {
      'search: less common word': await explain(
        db,
        `SELECT m.id FROM messages m JOIN channels c ON c.id = m.channel_id WHERE m.deleted_at IS NULL AND ${READABLE} AND m.search_vector @@ websearch_to_tsquery('simple', $3) ORDER BY m.id DESC LIMIT 50`,
        [org, reader.userID, rare[0]],
      ),
      'search: common word': await explain(
        db,
        `SELECT m.id FROM messages m JOIN channels c ON c.id = m.channel_id WHERE m.deleted_at IS NULL AND ${READABLE} AND m.search_vector @@ websearch_to_tsquery('simple', $3) ORDER BY m.id DESC LIMIT 50`,
        [org, reader.userID, common[0]],
      ),
      'search: word in one channel': await explain(
        db,
        `SELECT m.id FROM messages m JOIN channels c ON c.id = m.channel_id WHERE m.deleted_at IS NULL AND ${READABLE} AND m.search_vector @@ websearch_to_tsquery('simple', $3) AND m.channel_id = $4::bigint ORDER BY m.id DESC LIMIT 50`,
        [org, reader.userID, rare[0], busiest],
      ),
      'search: rare word, first step (few matches?)': await explain(
        db,
        `SELECT m.id FROM messages m WHERE m.search_vector @@ websearch_to_tsquery('simple', $2) AND m.deleted_at IS NULL AND m.organisation_id = $1 LIMIT 2001`,
        [org, 'kumquat'],
      ),
      'search: rare word, second step': await explain(
        db,
        `SELECT m.id FROM messages m JOIN channels c ON c.id = m.channel_id WHERE m.deleted_at IS NULL AND ${READABLE} AND m.search_vector @@ websearch_to_tsquery('simple', $3) AND m.id = ANY($4::bigint[]) ORDER BY m.id DESC LIMIT 50`,
        [
          org,
          reader.userID,
          'kumquat',
          (await db.query(`SELECT id FROM messages WHERE search_vector @@ 'kumquat'::tsquery`)).rows.map(
            (row: { id: string }) => row.id,
          ),
        ],
      ),
      'search: threads by word': await explain(
        db,
        `SELECT coalesce(m.reply_to, m.id) AS root_id, max(m.id) AS latest FROM messages m JOIN channels c ON c.id = m.channel_id WHERE m.deleted_at IS NULL AND (m.reply_to IS NOT NULL OR m.reply_count > 0) AND ${READABLE} AND m.search_vector @@ websearch_to_tsquery('simple', $3) GROUP BY 1 ORDER BY latest DESC LIMIT 20`,
        [org, reader.userID, rare[0]],
      ),
      history: await explain(
        db,
        `SELECT * FROM messages m WHERE m.channel_id = $1 AND m.reply_to IS NULL AND m.deleted_at IS NULL ORDER BY m.id DESC LIMIT 51`,
        [busiest],
      ),
    };
    log('plans', plans);
    const result = {
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGiB: round(os.totalmem() / 2 ** 30),
        node: process.version,
        note: 'shared machine; requests sequential, one client',
      },
      data: { ...counts, fillSeconds: round(fillSeconds) },
      figures,
      indexes: plans,
      totalSeconds: round((Date.now() - started) / 1000),
      ranAt: new Date().toISOString(),
    };
    mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench/results/search.json'), JSON.stringify(result, null, 2) + '\n');
    log('written bench/results/search.json', { totalSeconds: result.totalSeconds });
  } finally {
    await gateway.stop();
    await messaging.stop();
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
