// Fan-out on loopback: Switchboard (REST post → outbox → Redis → RTM sockets) with 1 and with 2
// realtime replicas, against a socket.io + Redis-adapter reference (2 nodes, no persistence) and a
// raw `ws` broadcast (1 process, the ceiling). Same clients, rooms and posting rate for all.
// Bounded in sockets, messages and time. Run: npm run bench:fanout
// BENCH_ROUNDS (default 3) repeats every system in turn; BENCH_RUNS picks runs for a quick look (a
// comma list of 1, 2, socketio, ws; only all four write the result file); BENCH_METRICS_DIR keeps each
// Switchboard app's /metrics after its run; BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
// is passed to the Switchboard apps.
import { createHash, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { io as socketIo } from 'socket.io-client';
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
  rssBytes,
  startSwitchboard,
  stopSwitchboard,
} from './lib/harness.mjs';

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 100);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2); // receiving users per channel
const SOCKETS_PER_USER = Number(process.env.BENCH_SOCKETS_PER_USER ?? 2);
const RATE = Number(process.env.BENCH_RATE ?? 40); // posts per second (the persistent write path saturates near 80/s on 2 cores)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
// Posting at the same rate, unmeasured, before the measured seconds: every server runs its hot path
// cold at first (JIT, caches, pools); its latency is reported apart as warmupLatencyMs.
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
// BENCH_SWITCHBOARD_DIST runs another build's apps (e.g. an older commit's dist/apps) for an A/B.
const SWITCHBOARD_DIST = process.env.BENCH_SWITCHBOARD_DIST ? path.resolve(process.env.BENCH_SWITCHBOARD_DIST) : DIST;
const NODE_ARGS = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
const RUNS = (process.env.BENCH_RUNS ?? '1,2,socketio,ws').split(',');
// Each round runs every system once, in turn, so a noisy stretch of the machine falls on all of them;
// a system's figure is its median round by p99, with every round's p99 beside it.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECRET = 'switchboard-bench-internal-secret';
const db = databaseUrl('switchboard_bench_fanout');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Users land on replicas pseudo-randomly, as a load balancer spreads them (deterministic per user). */
const spread = (userIndex, count) =>
  Math.floor((Number((BigInt(userIndex + 1) * 2654435761n) % 4294967296n) / 4294967296) * count);

/** Bulk-seeds an organisation: a poster in every channel, MEMBERS receiving users per channel, tokens hashed like the app does. */
async function seed() {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  const token = () => `sbt_${randomBytes(32).toString('base64url')}`;
  const hash = (value) => createHash('sha256').update(value).digest('hex');
  const id = async () => (await client.query('SELECT next_id()::text AS id')).rows[0].id;
  const org = await id();
  await client.query(`INSERT INTO organisations (id, name, slug) VALUES ($1, 'Fanout', 'fanout-${org}')`, [org]);
  const addUser = async (n) => {
    const user = { id: await id(), token: token() };
    await client.query(
      `INSERT INTO users (id, organisation_id, email, handle, display_name, kind, role) VALUES ($1, $2, $3, $4, $4, 'user', 'member')`,
      [user.id, org, `u${n}@bench.test`, `u${n}`],
    );
    await client.query(`INSERT INTO api_tokens (id, user_id, token_hash, prefix) VALUES (next_id(), $1, $2, $3)`, [
      user.id,
      hash(user.token),
      user.token.slice(0, 10),
    ]);
    return user;
  };
  const poster = await addUser('poster');
  const channels = [];
  for (let c = 0; c < CHANNELS; c++) {
    const channel = { id: await id(), users: [] };
    await client.query(
      `INSERT INTO channels (id, organisation_id, name, type, creator_id) VALUES ($1, $2, $3, 'public', $4)`,
      [channel.id, org, `c${c}`, poster.id],
    );
    await client.query(`INSERT INTO channel_members (channel_id, user_id, role) VALUES ($1, $2, 'owner')`, [
      channel.id,
      poster.id,
    ]);
    for (let m = 0; m < MEMBERS; m++) {
      const user = await addUser(`${c}-${m}`);
      await client.query(`INSERT INTO channel_members (channel_id, user_id, role) VALUES ($1, $2, 'member')`, [
        channel.id,
        user.id,
      ]);
      channel.users.push(user);
    }
    channels.push(channel);
  }
  await client.end();
  return { poster, channels };
}

/** Busy and total jiffies of all CPUs so far (/proc/stat), to tell a saturated machine from a noisy one. */
function machineCpu() {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  const [, ...fields] = lines[0].trim().split(/\s+/).map(Number);
  const idle = fields[3] + fields[4]; // idle + iowait
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total, cpus: lines.filter((line) => /^cpu\d/.test(line)).length };
}

/** Counts deliveries per (socket, message) and their latency from the post. */
class Tally {
  constructor() {
    this.latencies = [];
    this.warmup = [];
    this.seen = new Set();
    this.duplicates = 0;
    /** Latencies by the second of the run their message was posted in (set `start` first). */
    this.bySecond = [];
    this.start = 0;
  }

  record(socketIndex, text) {
    if (String(text).startsWith('w')) return void this.warmup.push(Date.now() - Number(String(text).split(':')[1]));
    const [seq, sentAt] = String(text).split(':').map(Number);
    const key = `${socketIndex}:${seq}`;
    if (this.seen.has(key)) this.duplicates++;
    this.seen.add(key);
    this.latencies.push(Date.now() - sentAt);
    (this.bySecond[Math.max(0, Math.floor((sentAt - this.start) / 1000))] ??= []).push(Date.now() - sentAt);
  }
}

async function post(sent, publish, seconds = SECONDS, prefix = '') {
  const started = Date.now();
  const pending = [];
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * RATE);
    while (sent.count < due) {
      const seq = sent.count++;
      const postedAt = Date.now();
      pending.push(
        publish(seq % CHANNELS, `${prefix}${seq}:${postedAt}`).then(() => sent.latencies.push(Date.now() - postedAt)),
      );
    }
    await sleep(2);
  }
  await Promise.all(pending);
  return started;
}

async function measure(label, processes, connect, publish, extra = async () => ({})) {
  const tally = new Tally();
  const closers = [];
  let socketIndex = 0;
  for (let c = 0; c < CHANNELS; c++) {
    for (const [u, user] of data.channels[c].users.entries()) {
      for (let s = 0; s < SOCKETS_PER_USER; s++) {
        const index = socketIndex++;
        closers.push(await connect(data.channels[c], user, c * MEMBERS + u, (text) => tally.record(index, text)));
      }
    }
  }
  await sleep(1000);
  if (WARMUP_SECONDS > 0) await post({ count: 0, latencies: [] }, publish, WARMUP_SECONDS, 'w');
  const before = processes.map((p) => cpuSeconds(p.pid));
  const probeBefore = process.cpuUsage();
  const machineBefore = machineCpu();
  const sent = { count: 0, latencies: [] };
  tally.start = Date.now();
  const started = await post(sent, publish);
  const expected = sent.count * MEMBERS * SOCKETS_PER_USER;
  const deadline = Date.now() + 30_000;
  while (tally.seen.size < expected && Date.now() < deadline) await sleep(50);
  const elapsed = (Date.now() - started) / 1000;
  const probe = process.cpuUsage(probeBefore);
  const machineAfter = machineCpu();
  const result = {
    label,
    sockets: socketIndex,
    posted: sent.count,
    expectedDeliveries: expected,
    delivered: tally.seen.size,
    duplicates: tally.duplicates,
    exactlyOnce: tally.seen.size === expected && tally.duplicates === 0,
    deliveriesPerSecond: Math.round(tally.seen.size / elapsed),
    postLatencyMs: percentiles(sent.latencies),
    latencyMs: percentiles(tally.latencies),
    warmupLatencyMs: percentiles(tally.warmup),
    // Each second's p99 (by when its messages were posted): a tail from one stall, or from the start, shows as one bad second.
    latencyP99BySecondMs: tally.bySecond.map((samples) => percentiles(samples ?? []).p99),
    // The load generator (this process: 1,000 sockets, every frame parsed) and the whole machine, busy cores.
    probeCpuCores: +((probe.user + probe.system) / 1e6 / elapsed).toFixed(2),
    machineBusyCores: +(
      ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) *
      machineAfter.cpus
    ).toFixed(2),
    processes: processes.map((p, i) => ({
      name: p.name,
      cpuSecondsPerSecond: +((cpuSeconds(p.pid) - before[i]) / elapsed).toFixed(2),
      rssMiB: +(rssBytes(p.pid) / 2 ** 20).toFixed(1),
    })),
    ...(await extra()),
  };
  closers.forEach((close) => close());
  console.error(
    `${label}: ${result.deliveriesPerSecond} deliveries/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, exactly once: ${result.exactlyOnce}`,
  );
  return result;
}

async function metric(url, name) {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(
    text
      .split('\n')
      .find((line) => line.startsWith(name))
      ?.split(' ')
      .pop() ?? 0,
  );
}

/** Each app's /metrics after a run, as BENCH_METRICS_DIR/<run>-<app>.txt. */
async function saveMetrics(apps, prefix) {
  mkdirSync(process.env.BENCH_METRICS_DIR, { recursive: true });
  for (const app of apps) {
    const text = await fetch(`${app.url}/metrics`).then((r) => r.text());
    writeFileSync(path.join(process.env.BENCH_METRICS_DIR, `${prefix}-${app.name}.txt`), text);
  }
}

async function switchboard(replicaCount) {
  const stack = await startSwitchboard({
    databaseUrl: db,
    secret: SECRET,
    replicaCount,
    messagingEnv: { OUTBOX_POLL_INTERVAL_MS: '1000' },
    dist: SWITCHBOARD_DIST,
    nodeArgs: NODE_ARGS,
  });
  const { messaging, replicas, gateway } = stack;
  const intakeBefore = await Promise.all(
    replicas.map((r) => metric(r.url, 'realtime_events_received_total{target="conv"}')),
  );
  try {
    return await measure(
      `switchboard, ${replicaCount} realtime replica${replicaCount > 1 ? 's' : ''}`,
      [messaging, gateway, ...replicas],
      async (_channel, user, userIndex, onText) => {
        const response = await fetch(`${gateway.url}/api/rtm.connect`, {
          method: 'POST',
          headers: { authorization: `Bearer ${user.token}` },
        });
        const url = new URL((await response.json()).url);
        url.port = String(replicas[spread(userIndex, replicas.length)].port);
        const socket = new WebSocket(url, { perMessageDeflate: false });
        await new Promise((resolve, reject) => {
          socket.on('message', (raw) => {
            const frame = JSON.parse(String(raw));
            if (frame.type === 'hello') resolve();
            else if (frame.type === 'message' && !frame.subtype) onText(frame.text);
          });
          socket.once('error', reject);
        });
        return () => socket.terminate();
      },
      (channelIndex, text) =>
        fetch(`${gateway.url}/channels/${data.channels[channelIndex].id}/messages/`, {
          method: 'POST',
          headers: { authorization: `Bearer ${data.poster.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ message: text }),
        }).then((r) => r.arrayBuffer()),
      async () => {
        if (process.env.BENCH_METRICS_DIR)
          await saveMetrics([messaging, gateway, ...replicas], `switchboard-${replicaCount}`);
        const after = await Promise.all(
          replicas.map((r) => metric(r.url, 'realtime_events_received_total{target="conv"}')),
        );
        return { conversationEventsReceivedPerReplica: after.map((value, i) => value - intakeBefore[i]) };
      },
    );
  } finally {
    await stopSwitchboard(stack);
  }
}

async function reference(kind) {
  const script = path.join(ROOT, 'bench/reference', kind === 'socketio' ? 'socketio-server.mjs' : 'ws-server.mjs');
  const count = kind === 'socketio' ? 2 : 1;
  const servers = [];
  const run = String(Date.now()); // one adapter key shared by the nodes of this run
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const child = spawn(process.execPath, [script], {
      env: { PATH: process.env.PATH, PORT: String(port), REDIS_URL, BENCH_RUN: run },
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
    servers.push({ name: `${kind}-${i + 1}`, pid: child.pid, url, port, child });
  }
  try {
    return await measure(
      kind === 'socketio' ? 'socket.io + redis-adapter, 2 nodes' : 'raw ws broadcast, 1 process',
      servers,
      async (channel, _user, userIndex, onText) => {
        const server = servers[spread(userIndex, servers.length)];
        if (kind === 'socketio') {
          const socket = socketIo(server.url, {
            transports: ['websocket'],
            query: { rooms: channel.id },
            reconnection: false,
          });
          await new Promise(
            (resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)),
          );
          socket.on('message', (message) => onText(message.text));
          return () => socket.close();
        }
        const socket = new WebSocket(`ws://127.0.0.1:${server.port}/?rooms=${channel.id}`, {
          perMessageDeflate: false,
        });
        await new Promise((resolve, reject) => {
          socket.on('message', (raw) => {
            const frame = JSON.parse(String(raw));
            if (frame.type === 'hello') resolve();
            else onText(frame.text);
          });
          socket.once('error', reject);
        });
        return () => socket.terminate();
      },
      (channelIndex, text) =>
        fetch(`${servers[0].url}/publish`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ room: data.channels[channelIndex].id, text }),
        }).then((r) => r.arrayBuffer()),
    );
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
  }
}

/** The round with the median p99, and every round's p99 and busy cores in order. */
function medianRound(results) {
  const sorted = [...results].sort((a, b) => a.latencyMs.p99 - b.latencyMs.p99);
  return {
    ...sorted[Math.floor((sorted.length - 1) / 2)],
    p99ByRoundMs: results.map((result) => result.latencyMs.p99),
    machineBusyCoresByRound: results.map((result) => result.machineBusyCores),
    exactlyOnceEveryRound: results.every((result) => result.exactlyOnce),
  };
}

let data;
async function main() {
  await dropDatabase(db);
  cliOf(SWITCHBOARD_DIST, db, 'migrate');
  data = await seed();
  const planned = {
    1: () => switchboard(1),
    2: () => switchboard(2),
    socketio: () => reference('socketio'),
    ws: () => reference('ws'),
  };
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const runs = [];
    for (const name of RUNS) runs.push(await planned[name]());
    rounds.push(runs);
  }
  const runs = RUNS.map((_, i) => medianRound(rounds.map((runsOfRound) => runsOfRound[i])));
  if (RUNS.join() !== '1,2,socketio,ws') {
    console.log(JSON.stringify({ benchmark: 'fanout', partial: RUNS, runs }, null, 2));
    return dropDatabase(db);
  }
  const [one, two, sio, raw] = runs;
  const result = {
    benchmark: 'fanout',
    command: 'npm run bench:fanout',
    machine: machine(),
    settings: {
      channels: CHANNELS,
      receivingMembersPerChannel: MEMBERS,
      socketsPerUser: SOCKETS_PER_USER,
      postsPerSecond: RATE,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      rounds: ROUNDS,
    },
    runs,
    ratios: {
      throughputVsSocketIo: +(two.deliveriesPerSecond / sio.deliveriesPerSecond).toFixed(2),
      throughputVsRawWs: +(two.deliveriesPerSecond / raw.deliveriesPerSecond).toFixed(2),
      p50LatencyVsSocketIo: +(two.latencyMs.p50 / Math.max(sio.latencyMs.p50, 0.01)).toFixed(2),
      p99LatencyVsSocketIo: +(two.latencyMs.p99 / Math.max(sio.latencyMs.p99, 0.01)).toFixed(2),
      p50LatencyVsRawWs: +(two.latencyMs.p50 / Math.max(raw.latencyMs.p50, 0.01)).toFixed(2),
    },
    scaleOut: {
      conversationEventsPosted: two.posted,
      intakeWithOneReplica: one.conversationEventsReceivedPerReplica,
      intakePerReplicaWithTwo: two.conversationEventsReceivedPerReplica,
      note: 'socket.io with the Redis adapter delivers every broadcast to every node; Switchboard replicas subscribe only to conversations with local members',
    },
  };
  writeFileSync(path.join(ROOT, 'bench/results/fanout.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  await dropDatabase(db);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
