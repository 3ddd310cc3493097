// The write path under an open-loop load: REST posts at fixed rates into CHANNELS channels of
// MEMBERS members, every member on an RTM socket, sockets split over two realtime replicas; then
// the same probe against a minimal reference (bench/reference/write-server.mjs + two
// write-fanout.mjs), in the same run. Then the relay's read cost with 10k and 1M published events.
// Bounded in rates, seconds and in-flight requests. Run: npm run bench:write
// Knobs: BENCH_RATES, BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_REFERENCE=0 (no reference run), BENCH_RELAY_SCAN=0,
// BENCH_NODE_ARGS (node flags for the apps, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"),
// BENCH_OUT (result file instead of bench/results/write-path.json), BENCH_SWITCHBOARD_DIST,
// BENCH_METRICS_DIR (each app's /metrics after each step, for looking inside a step).
import { createHash, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import {
  DIST,
  ROOT,
  REDIS_URL,
  cliOf,
  cpuSeconds,
  databaseUrl,
  dropDatabase,
  freePort,
  machine,
  percentiles,
  startSwitchboard,
  stopSwitchboard,
} from './lib/harness.mjs';

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 10);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20);
const RATES = (process.env.BENCH_RATES ?? '50,100,200,400,800').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Seconds of unmeasured posting at a step's rate before the step (see warmUp); 0 measures from the first post. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const MAX_IN_FLIGHT = Number(process.env.BENCH_MAX_IN_FLIGHT ?? 1500);
const WITH_REFERENCE = process.env.BENCH_REFERENCE !== '0';
const WITH_RELAY_SCAN = process.env.BENCH_RELAY_SCAN !== '0';
/** Extra node flags for the Switchboard apps, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const BASE_URL = process.env.BENCH_SWITCHBOARD_DIST ? path.resolve(process.env.BENCH_SWITCHBOARD_DIST) : null; // another build to compare (e.g. an older commit's dist/)
const SECRET = 'switchboard-bench-internal-secret';
const db = databaseUrl('switchboard_bench_write');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

async function seed() {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  const token = () => `sbt_${randomBytes(32).toString('base64url')}`;
  const hash = (value) => createHash('sha256').update(value).digest('hex');
  const id = async () => (await client.query('SELECT next_id()::text AS id')).rows[0].id;
  const org = await id();
  await client.query(`INSERT INTO organisations (id, name, slug) VALUES ($1, 'Write', 'write-${org}')`, [org]);
  const channels = [];
  for (let c = 0; c < CHANNELS; c++) {
    const channel = { id: await id(), members: [] };
    for (let m = 0; m < MEMBERS; m++) {
      const user = { id: await id(), token: token() };
      await client.query(
        `INSERT INTO users (id, organisation_id, email, handle, display_name, kind, role) VALUES ($1, $2, $3, $4, $4, 'user', 'member')`,
        [user.id, org, `u${c}-${m}@bench.test`, `u${c}-${m}`],
      );
      await client.query(`INSERT INTO api_tokens (id, user_id, token_hash, prefix) VALUES (next_id(), $1, $2, $3)`, [
        user.id,
        hash(user.token),
        user.token.slice(0, 10),
      ]);
      if (m === 0)
        await client.query(
          `INSERT INTO channels (id, organisation_id, name, type, creator_id) VALUES ($1, $2, $3, 'public', $4)`,
          [channel.id, org, `c${c}`, user.id],
        );
      await client.query(`INSERT INTO channel_members (channel_id, user_id, role) VALUES ($1, $2, $3)`, [
        channel.id,
        user.id,
        m === 0 ? 'owner' : 'member',
      ]);
      channel.members.push(user);
    }
    channels.push(channel);
  }
  await client.query(
    `CREATE TABLE bench_ref_messages (id bigserial PRIMARY KEY, channel_id bigint NOT NULL, user_id bigint NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
  );
  await client.end();
  return { org, channels };
}

function postJson(url, token, body) {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    req.end(payload);
  });
}

/** Every process whose CPU counts: the apps, and all PostgreSQL and Redis processes. */
function serverPids(name) {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith(name);
      } catch {
        return false;
      }
    });
}

/** CPU seconds so far of every process named `name`, by pid. */
function cpuByPid(name) {
  const seconds = new Map();
  for (const pid of serverPids(name)) {
    try {
      seconds.set(pid, cpuSeconds(pid));
    } catch {
      // gone meanwhile
    }
  }
  return seconds;
}

/** CPU seconds the processes named `name` used since `before`, counting those started since (PostgreSQL backends, say) whole. */
function cpuSince(name, before) {
  let sum = 0;
  for (const [pid, seconds] of cpuByPid(name)) sum += seconds - (before.get(pid) ?? 0);
  return sum;
}

class Statements {
  constructor(client) {
    this.client = client;
    this.available = false;
  }

  async init() {
    try {
      await this.client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await this.client.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
      this.available = true;
    } catch {
      console.error('pg_stat_statements is not loaded (shared_preload_libraries): statements per post are not counted');
    }
  }

  /** Calls so far, split into the relay's (its session's statements) and everything else, plus commits. */
  async snapshot() {
    const [{ commits }] = (
      await this.client.query(
        `SELECT xact_commit::bigint AS commits FROM pg_stat_database WHERE datname = current_database()`,
      )
    ).rows;
    if (!this.available) return { commits: Number(commits), relay: null, request: null };
    const { rows } = await this.client.query(
      `SELECT coalesce(sum(calls) FILTER (WHERE query ~ 'outbox_cursors|pg_try_advisory_lock|FROM webhooks WHERE kind|LISTEN'), 0)::bigint AS relay,
              coalesce(sum(calls) FILTER (WHERE NOT (query ~ 'outbox_cursors|pg_try_advisory_lock|FROM webhooks WHERE kind|LISTEN|pg_stat_|pg_database')), 0)::bigint AS request
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    return { commits: Number(commits), relay: Number(rows[0].relay), request: Number(rows[0].request) };
  }
}

/** Runs one rate step: posts at `rate`/s for SECONDS, waits for deliveries, returns the figures. */
/**
 * Posts open-loop at `rate`/s for `seconds`: post n is due at n/rate s and sent at or just after that
 * moment, so latency counts from its schedule. `onSend(n, sentAt)` runs as a post leaves (false skips
 * it), `onAnswer(n, sentAt, status)` when it is answered; past MAX_IN_FLIGHT a post is dropped instead.
 * Returns when the last post has left: the start, the answers still awaited, and how many were dropped.
 */
async function postOpenLoop(rate, seconds, target, text, onSend, onAnswer) {
  const started = Date.now();
  const pending = [];
  let seq = 0;
  let inFlight = 0;
  let dropped = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.min(Math.floor(((Date.now() - started) / 1000) * rate) + 1, seconds * rate);
    while (seq < due) {
      const n = seq++;
      const sentAt = started + (n / rate) * 1000;
      if (inFlight >= MAX_IN_FLIGHT) {
        dropped++;
        continue;
      }
      const channel = target.data.channels[n % CHANNELS];
      const poster = channel.members[Math.floor(n / CHANNELS) % MEMBERS];
      onSend(n, sentAt);
      inFlight++;
      pending.push(
        postJson(target.postUrl(channel.id), poster.token, { message: text(n) }).then((status) => {
          inFlight--;
          onAnswer(n, sentAt, status);
        }),
      );
    }
    await sleep(1);
  }
  return { started, answered: Promise.all(pending), dropped };
}

/**
 * Posts at `rate`/s for WARMUP_SECONDS before a step is measured, so that the step measures the rate
 * sustained, not the climb to it from the previous step's lower one (PostgreSQL, Redis, the apps and
 * this probe all catch up with a sudden doubling for a fraction of a second; the reference as well).
 * The warm-up's posts go on being delivered while the step runs; their acknowledgement latencies are
 * kept apart in the result (`warmupPostLatencyMs`), so the climb stays visible.
 */
async function warmUp(rate, target) {
  const latencies = [];
  const { answered } = await postOpenLoop(
    rate,
    WARMUP_SECONDS,
    target,
    (n) => `warmup-${rate}-${n}`,
    () => undefined,
    (n, sentAt, status) => status === 200 && latencies.push(Date.now() - sentAt),
  );
  return answered.then(() => percentiles(latencies));
}

async function step(rate, target, tally, stats, processes) {
  tally.reset();
  const warmup = WARMUP_SECONDS > 0 ? warmUp(rate, target) : Promise.resolve(null);
  if (WARMUP_SECONDS > 0) await sleep(WARMUP_SECONDS * 1000);
  const cpuBefore = processes.map((p) => cpuSeconds(p.pid));
  const probeBefore = process.cpuUsage();
  const pgBefore = cpuByPid('postgres');
  const redisBefore = cpuByPid('redis-server');
  const statsBefore = await stats.snapshot();
  const postLatencies = [];
  const bySecond = [];
  let acknowledged = 0;
  let failed = 0;
  const { started, answered, dropped } = await postOpenLoop(
    rate,
    SECONDS,
    target,
    (n) => `${rate}-${n}`,
    (n, sentAt) => tally.expect(`${rate}-${n}`, sentAt, MEMBERS),
    (n, sentAt, status) => {
      if (status === 200) {
        acknowledged++;
        postLatencies.push(Date.now() - sentAt);
        (bySecond[Math.floor(n / rate)] ??= []).push(Date.now() - sentAt);
      } else {
        failed++;
        tally.forget(`${rate}-${n}`);
      }
    },
  );
  await answered;
  const elapsed = (Date.now() - started) / 1000;
  const warmupPostLatencyMs = await warmup;
  const deadline = Date.now() + 20_000;
  while (!tally.complete() && Date.now() < deadline) await sleep(50);
  const drained = (Date.now() - started) / 1000;
  const statsAfter = await stats.snapshot();
  if (process.env.BENCH_METRICS_DIR) await saveMetrics(processes, `${target.label.split(' ')[0]}-${rate}`);
  const perPost = (key) =>
    statsAfter[key] === null || acknowledged === 0
      ? null
      : +((statsAfter[key] - statsBefore[key]) / acknowledged).toFixed(2);
  const cpuMs = (seconds) => (acknowledged === 0 ? null : +((seconds * 1000) / acknowledged).toFixed(3));
  const result = {
    targetPostsPerSecond: rate,
    achievedPostsPerSecond: +(acknowledged / elapsed).toFixed(1),
    acknowledged,
    failed,
    droppedByProbe: dropped,
    warmupSeconds: WARMUP_SECONDS,
    warmupPostLatencyMs,
    postLatencyMs: percentiles(postLatencies),
    // Post latency p99 per second of the step: a tail from one stall shows as one bad second.
    postP99BySecondMs: bySecond.map((samples) => percentiles(samples ?? []).p99),
    deliveryLatencyMs: percentiles(tally.latencies),
    deliveries: tally.delivered,
    expectedDeliveries: tally.expected,
    duplicates: tally.duplicates,
    missing: tally.expected - tally.delivered,
    cpuCores: {
      ...Object.fromEntries(
        processes.map((p, i) => [p.name, +((cpuSeconds(p.pid) - cpuBefore[i]) / drained).toFixed(2)]),
      ),
      postgres: +(cpuSince('postgres', pgBefore) / drained).toFixed(2),
      redis: +(cpuSince('redis-server', redisBefore) / drained).toFixed(2),
      // This load generator itself (posting, and reading every delivery): it shares the machine.
      probe: +(Object.values(process.cpuUsage(probeBefore)).reduce((a, b) => a + b, 0) / 1e6 / drained).toFixed(2),
    },
    // CPU per acknowledged post, per process: the figure to compare on a loaded machine.
    cpuMsPerPost: Object.fromEntries(processes.map((p, i) => [p.name, cpuMs(cpuSeconds(p.pid) - cpuBefore[i])])),
    commitsPerPost: perPost('commits'),
    requestStatementsPerPost: perPost('request'),
    relayStatementsPerPost: perPost('relay'),
  };
  console.error(
    `${target.label} @${rate}/s: ${result.achievedPostsPerSecond}/s, post p50/p99 ${result.postLatencyMs.p50}/${result.postLatencyMs.p99} ms, delivery p50/p99 ${result.deliveryLatencyMs.p50}/${result.deliveryLatencyMs.p99} ms, missing ${result.missing}, dup ${result.duplicates}, statements ${result.requestStatementsPerPost}+${result.relayStatementsPerPost}, cpu ${JSON.stringify(result.cpuCores)}, cpu ms/post ${JSON.stringify(result.cpuMsPerPost)}`,
  );
  return result;
}

/** Each app's /metrics after a step, as BENCH_METRICS_DIR/<target>-<rate>-<app>.txt (cumulative since start). */
async function saveMetrics(processes, prefix) {
  for (const p of processes.filter((p) => p.url)) {
    const text = await fetch(`${p.url}/metrics`).then(
      (res) => (res.ok ? res.text() : ''),
      () => '',
    );
    writeFileSync(path.join(process.env.BENCH_METRICS_DIR, `${prefix}-${p.name}.txt`), text);
  }
}

/** Deliveries per (socket, message): each message is expected once on each of its channel's MEMBERS sockets. */
class Tally {
  reset() {
    this.sent = new Map();
    this.seen = new Set();
    this.latencies = [];
    this.delivered = 0;
    this.expected = 0;
    this.duplicates = 0;
  }

  expect(text, sentAt, sockets) {
    this.sent.set(text, sentAt);
    this.expected += sockets;
  }

  forget(text) {
    this.sent.delete(text);
    this.expected -= MEMBERS;
  }

  record(socket, text) {
    const sentAt = this.sent.get(text);
    if (sentAt === undefined) return;
    const key = `${socket}:${text}`;
    if (this.seen.has(key)) return void this.duplicates++;
    this.seen.add(key);
    this.delivered++;
    this.latencies.push(Date.now() - sentAt);
  }

  complete() {
    return this.delivered >= this.expected;
  }
}

async function connectAll(data, connect, tally) {
  const closers = [];
  let index = 0;
  for (const channel of data.channels) {
    for (const user of channel.members) {
      const socket = index++;
      closers.push(await connect(channel, user, socket, (text) => tally.record(socket, text)));
    }
  }
  return () => closers.forEach((close) => close());
}

function openSocket(url, onText) {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      if (frame.type === 'hello') resolve(() => socket.terminate());
      else if (frame.type === 'message' && !frame.subtype) onText(frame.text);
    });
    socket.once('error', reject);
  });
}

async function runSteps(target, processes, stats) {
  const tally = new Tally();
  tally.reset();
  const close = await connectAll(target.data, target.connect, tally);
  await sleep(1000);
  const steps = [];
  try {
    for (const rate of RATES) {
      steps.push(await step(rate, target, tally, stats, processes));
      await sleep(2000);
    }
  } finally {
    close();
  }
  return {
    label: target.label,
    steps,
    saturationPostsPerSecond: Math.max(...steps.map((s) => s.achievedPostsPerSecond)),
  };
}

async function switchboard(data, stats) {
  const stack = await startSwitchboard({
    databaseUrl: db,
    secret: SECRET,
    replicaCount: 2,
    dist: BASE_URL ?? DIST,
    nodeArgs: NODE_ARGS,
  });
  const { messaging, replicas, gateway } = stack;
  try {
    return await runSteps(
      {
        label: BASE_URL ? `switchboard (${BASE_URL})` : 'switchboard',
        data,
        postUrl: (channelId) => `${gateway.url}/channels/${channelId}/messages/`,
        connect: async (_channel, user, index, onText) => {
          const response = await fetch(`${gateway.url}/api/rtm.connect`, {
            method: 'POST',
            headers: { authorization: `Bearer ${user.token}` },
          });
          const url = new URL((await response.json()).url);
          url.port = String(replicas[index % 2].port);
          return openSocket(url, onText);
        },
      },
      [gateway, messaging, ...replicas],
      stats,
    );
  } finally {
    await stopSwitchboard(stack);
  }
}

async function startScript(name, script, env) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bench/reference', script)], {
    env: { PATH: process.env.PATH, PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let t = 0; t < 100; t++) {
    if (
      await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(100);
  }
  return { name, pid: child.pid, port, url, child };
}

async function reference(data, stats) {
  const writer = await startScript('reference-writer', 'write-server.mjs', { DATABASE_URL: db, REDIS_URL });
  const fanouts = [
    await startScript('reference-fanout-1', 'write-fanout.mjs', { REDIS_URL }),
    await startScript('reference-fanout-2', 'write-fanout.mjs', { REDIS_URL }),
  ];
  try {
    return await runSteps(
      {
        label: 'reference (pg + ioredis + 2 ws)',
        data,
        postUrl: (channelId) => `${writer.url}/channels/${channelId}/messages/`,
        connect: (channel, _user, index, onText) =>
          openSocket(`ws://127.0.0.1:${fanouts[index % 2].port}/?rooms=${channel.id}`, onText),
      },
      [writer, ...fanouts],
      stats,
    );
  } finally {
    for (const server of [writer, ...fanouts]) server.child.kill('SIGTERM');
  }
}

/** The relay's read (every organisation past its cursor) with N published rows kept, by EXPLAIN ANALYZE. */
async function relayScanCost(client, org) {
  const figures = [];
  for (const kept of [10_000, 1_000_000]) {
    await client.query('TRUNCATE outbox_events');
    await client.query(
      `INSERT INTO outbox_events (organisation_id, event_id, type, audience, payload)
       SELECT $1, g, 'user.created', '{}'::jsonb, '{}'::jsonb FROM generate_series(1, $2) g`,
      [org, kept],
    );
    await client.query(
      `INSERT INTO org_event_counters (organisation_id, last_event_id) VALUES ($1, $2) ON CONFLICT (organisation_id) DO UPDATE SET last_event_id = $2`,
      [org, kept + 1],
    );
    await client.query(
      `INSERT INTO outbox_cursors (organisation_id, event_id) VALUES ($1, $2) ON CONFLICT (organisation_id) DO UPDATE SET event_id = $2`,
      [org, kept],
    );
    await client.query(
      `INSERT INTO outbox_events (organisation_id, event_id, type, audience, payload) VALUES ($1, $2, 'user.created', '{}', '{}')`,
      [org, kept + 1],
    );
    await client.query('ANALYZE outbox_events');
    const { rows } = await client.query(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
       SELECT o.id FROM (SELECT k.organisation_id, coalesce(c.event_id, 0) AS after FROM org_event_counters k LEFT JOIN outbox_cursors c USING (organisation_id) WHERE k.last_event_id > coalesce(c.event_id, 0)) k
       CROSS JOIN LATERAL (SELECT * FROM outbox_events o WHERE o.organisation_id = k.organisation_id AND o.event_id > k.after ORDER BY o.event_id LIMIT 500) o ORDER BY o.id LIMIT 500`,
    );
    const plan = rows[0]['QUERY PLAN'][0];
    figures.push({
      publishedRowsKept: kept,
      executionMs: plan['Execution Time'],
      sharedBuffersHit: plan.Plan['Shared Hit Blocks'],
      sharedBuffersRead: plan.Plan['Shared Read Blocks'],
      rowsReturned: plan.Plan['Actual Rows'],
    });
    console.error(
      `relay read with ${kept} published rows kept: ${plan['Execution Time']} ms, ${plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks']} buffers`,
    );
  }
  await client.query('TRUNCATE outbox_events');
  return figures;
}

async function main() {
  await dropDatabase(db);
  cliOf(BASE_URL ?? DIST, db, 'migrate');
  const data = await seed();
  const statsClient = new pg.Client({ connectionString: db });
  await statsClient.connect();
  const stats = new Statements(statsClient);
  await stats.init();
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const loadBefore = load();
  const runs = [await switchboard(data, stats)];
  if (WITH_REFERENCE) runs.push(await reference(data, stats));
  const relayScan = BASE_URL || !WITH_RELAY_SCAN ? null : await relayScanCost(statsClient, data.org);
  await statsClient.end();
  const [ours, ref] = runs;
  const result = {
    benchmark: 'write-path',
    command: 'npm run bench:write',
    machine: { ...machine(), loadAverageBefore: loadBefore, loadAverageAfter: load() },
    settings: {
      channels: CHANNELS,
      membersPerChannel: MEMBERS,
      socketsPerMember: 1,
      realtimeReplicas: 2,
      rates: RATES,
      secondsPerStep: SECONDS,
      warmupSecondsPerStep: WARMUP_SECONDS,
      maxInFlight: MAX_IN_FLIGHT,
      nodeArgs: NODE_ARGS,
    },
    runs,
    saturationVsReference: ref ? +(ours.saturationPostsPerSecond / ref.saturationPostsPerSecond).toFixed(2) : null,
    relayScan,
  };
  const out = process.env.BENCH_OUT ?? path.join(ROOT, 'bench/results/write-path.json');
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    JSON.stringify(
      {
        saturation: runs.map((run) => [run.label, run.saturationPostsPerSecond]),
        saturationVsReference: result.saturationVsReference,
      },
      null,
      2,
    ),
  );
  await dropDatabase(db);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
