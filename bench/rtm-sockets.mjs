// RTM on ONE realtime replica: memory per idle socket, and post-to-delivery latency at a stated
// posting rate. Loopback only, bounded in sockets, messages and time. Run: npm run bench:rtm
// 20,000 sockets need more file descriptors than a shell usually allows: the script re-runs itself
// under `ulimit -n` (the apps it starts inherit the limit; the apps themselves never raise it).
// Where the hard limit cannot be raised (a container without CAP_SYS_RESOURCE), the replica holds
// what the limit allows and the result says so. Client sockets live in child processes (each
// process has its own descriptor limit).
import { fork, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import {
  ROOT,
  REDIS_URL,
  cli,
  cpuSeconds,
  databaseUrl,
  dropDatabase,
  machine,
  percentiles,
  rssBytes,
  startApp,
  stopApp,
} from './lib/harness.mjs';

const WANTED_SOCKETS = Number(process.env.BENCH_IDLE_SOCKETS ?? 20000);
const FD_LIMIT = WANTED_SOCKETS + 5000;
const SOCKETS_PER_CLIENT_PROCESS = 5000;
if (!process.env.BENCH_FD_RAISED && process.argv[2] !== 'client') {
  const raised = spawnSync(
    'sh',
    [
      '-c',
      `ulimit -n ${FD_LIMIT} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`,
      process.execPath,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit', env: { ...process.env, BENCH_FD_RAISED: '1' } },
  );
  process.exit(raised.status ?? 1);
}
const fdLimit = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
/** The replica needs a descriptor per socket plus its own (Redis, HTTP pools, files), and 200 receivers: keep 1,000 spare. */
const IDLE_SOCKETS = Math.min(WANTED_SOCKETS, fdLimit - 1000);
/** RSS is read twice: right after opening (heap grown for the connect burst) and after the replica idled this long (V8 gives memory back). */
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 30);
const RECEIVERS = Number(process.env.BENCH_RECEIVERS ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 20); // messages per second over REST
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const USERS = 10;
/** BENCH_HEAP_SNAPSHOT=1: the replica writes a heap snapshot (Heap.*.heapsnapshot in the repository root) once the sockets settled. */
const HEAP_SNAPSHOT = process.env.BENCH_HEAP_SNAPSHOT === '1';
/** BENCH_NODE_ARGS: extra node/V8 flags for the replica, to compare heap settings. */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const SECRET = 'switchboard-bench-internal-secret';
const db = databaseUrl('switchboard_bench_rtm');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A connect that fails under the opening burst (a 429, a reset) is retried: the bench measures held sockets, not the burst. */
async function retried(attempt, tries = 5) {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries) throw error;
      await sleep(200 * i + Math.random() * 300);
    }
  }
}

async function rtmUrl(api, token, port) {
  const response = await fetch(`${api}/api/rtm.connect`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await response.json();
  if (!body.ok) throw new Error(`rtm.connect: ${body.error}`);
  const url = new URL(body.url);
  url.port = String(port);
  return url.toString();
}

function open(url, onMessage) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'hello') resolve(socket);
      else onMessage?.(frame);
    });
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`closed before hello: ${code}`)));
  });
}

/** The replica's own view of its memory (prom-client default metrics on /metrics). */
async function heapOf(app) {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const value = (name) => Number(new RegExp(`^${name} ([0-9.e+]+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { heapUsed: value('nodejs_heap_size_used_bytes'), external: value('nodejs_external_memory_bytes') };
}

function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
}

async function inBatches(count, size, make) {
  const out = [];
  for (let i = 0; i < count; i += size)
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j)))));
  return out;
}

/** A child process holding `count` idle sockets until it is killed. */
function clientProcess() {
  process.on('disconnect', () => process.exit(0));
  process.on('message', async ({ api, port, tokens, count }) => {
    try {
      const sockets = await inBatches(count, 100, (i) =>
        retried(async () => open(await rtmUrl(api, tokens[i % tokens.length], port))),
      );
      process.send({ opened: sockets.length });
    } catch (error) {
      process.send({ error: String(error) });
    }
  });
}

async function openIdle(api, port, tokens, count) {
  const children = [];
  for (let start = 0; start < count; start += SOCKETS_PER_CLIENT_PROCESS) {
    const child = fork(fileURLToPath(import.meta.url), ['client'], { env: { ...process.env, BENCH_FD_RAISED: '1' } });
    children.push(child);
    const opened = new Promise((resolve, reject) =>
      child.once('message', (reply) => (reply.error ? reject(new Error(reply.error)) : resolve(reply.opened))),
    );
    child.send({ api, port, tokens, count: Math.min(SOCKETS_PER_CLIENT_PROCESS, count - start) });
    await opened;
  }
  return children;
}

async function main() {
  await dropDatabase(db);
  cli(db, 'migrate');
  const boot = cli(db, 'admin', 'bootstrap', '--org', 'Bench', '--email', 'bench@example.test', '--name', 'Bench');
  const users = Array.from({ length: USERS }, (_, i) =>
    cli(
      db,
      'admin',
      'user',
      'create',
      '--org',
      boot.organisationID,
      '--email',
      `u${i}@example.test`,
      '--name',
      `U${i}`,
    ),
  );

  const messaging = await startApp('messaging-service', {
    DATABASE_URL: db,
    REDIS_URL,
    INTERNAL_API_SECRET: SECRET,
    OUTBOX_POLL_INTERVAL_MS: '1000',
  });
  const realtime = await startApp(
    'realtime-gateway',
    {
      REDIS_URL,
      INTERNAL_API_SECRET: SECRET,
      MESSAGING_SERVICE_URL: messaging.url,
      // Five bench users hold every idle socket; the per-user cap is for real clients.
      RTM_MAX_SOCKETS_PER_USER: '100000',
    },
    undefined,
    [...(HEAP_SNAPSHOT ? ['--heapsnapshot-signal=SIGUSR2'] : []), ...NODE_ARGS],
  );
  const gateway = await startApp('api-gateway', {
    REDIS_URL,
    INTERNAL_API_SECRET: SECRET,
    MESSAGING_SERVICE_URL: messaging.url,
    REALTIME_PUBLIC_URL: `ws://127.0.0.1:${realtime.port}`,
    RTM_CONNECTS_PER_MINUTE: '0',
    RTM_ACCEPTS_PER_SECOND: '0',
    API_REQUESTS_PER_MINUTE: '0',
    REQUESTS_PER_TOKEN_PER_MINUTE: '0',
    REQUESTS_PER_IP_PER_MINUTE: '0',
  });
  const headers = { authorization: `Bearer ${boot.token}`, 'content-type': 'application/json' };
  const receiversUsers = users.slice(0, USERS / 2);
  const idleUsers = users.slice(USERS / 2);
  const channel = (
    await (
      await fetch(`${gateway.url}/channels/`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'bench', members: receiversUsers.map((u) => u.userID) }),
      })
    ).json()
  ).response;

  try {
    // 1. Idle sockets: memory per socket on the replica.
    await sleep(1000);
    const rssBefore = rssBytes(realtime.pid);
    const heapBefore = await heapOf(realtime);
    const openingStarted = Date.now();
    const idle = await openIdle(
      gateway.url,
      realtime.port,
      idleUsers.map((user) => user.token),
      IDLE_SOCKETS,
    );
    const openingSeconds = (Date.now() - openingStarted) / 1000;
    await sleep(5000);
    const rssOpened = rssBytes(realtime.pid);
    await sleep(SETTLE_SECONDS * 1000);
    const rssIdle = rssBytes(realtime.pid);
    const heapIdle = await heapOf(realtime);
    if (HEAP_SNAPSHOT) {
      process.kill(realtime.pid, 'SIGUSR2');
      await sleep(20_000);
    }

    // 2. Latency: RECEIVERS sockets in the channel, RATE posts per second for SECONDS.
    const received = new Map();
    const latencies = [];
    let duplicates = 0;
    const receivers = await inBatches(RECEIVERS, 50, async (i) =>
      open(await rtmUrl(gateway.url, receiversUsers[i % receiversUsers.length].token, realtime.port), (frame) => {
        if (frame.type !== 'message' || frame.subtype) return;
        const [seq, sentAt] = String(frame.text).split(':').map(Number);
        const key = `${i}:${seq}`;
        if (received.has(key)) duplicates++;
        received.set(key, true);
        latencies.push(Date.now() - sentAt);
      }),
    );
    const cpuBefore = cpuSeconds(realtime.pid);
    const started = Date.now();
    let sent = 0;
    const posting = [];
    while (Date.now() - started < SECONDS * 1000) {
      const due = Math.floor(((Date.now() - started) / 1000) * RATE);
      while (sent < due) {
        const seq = sent++;
        posting.push(
          fetch(`${gateway.url}/channels/${channel.channelID}/messages/`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ message: `${seq}:${Date.now()}` }),
          }).then((r) => r.arrayBuffer()),
        );
      }
      await sleep(5);
    }
    await Promise.all(posting);
    const expected = sent * RECEIVERS;
    const deadline = Date.now() + 30_000;
    while (received.size < expected && Date.now() < deadline) await sleep(100);
    const elapsed = (Date.now() - started) / 1000;
    const cpu = cpuSeconds(realtime.pid) - cpuBefore;

    const result = {
      benchmark: 'rtm-sockets',
      command: 'npm run bench:rtm',
      machine: machine(),
      settings: {
        idleSockets: IDLE_SOCKETS,
        idleSocketsWanted: WANTED_SOCKETS,
        fileDescriptorLimit: fdLimit,
        receivers: RECEIVERS,
        postsPerSecond: RATE,
        seconds: SECONDS,
        replicaNodeArgs: NODE_ARGS,
      },
      load: loadAverage(),
      idle: {
        rssBeforeMiB: +(rssBefore / 2 ** 20).toFixed(1),
        rssJustOpenedMiB: +(rssOpened / 2 ** 20).toFixed(1),
        bytesPerSocketJustOpened: Math.round((rssOpened - rssBefore) / IDLE_SOCKETS),
        settledSeconds: SETTLE_SECONDS,
        rssWithSocketsMiB: +(rssIdle / 2 ** 20).toFixed(1),
        bytesPerSocket: Math.round((rssIdle - rssBefore) / IDLE_SOCKETS),
        kbPerSocket: +((rssIdle - rssBefore) / IDLE_SOCKETS / 1000).toFixed(1),
        kibPerSocket: +((rssIdle - rssBefore) / IDLE_SOCKETS / 1024).toFixed(1),
        // Where the RSS goes: the V8 heap (JS objects) and memory outside it (Buffers, native socket state).
        heapUsedBytesPerSocket: Math.round((heapIdle.heapUsed - heapBefore.heapUsed) / IDLE_SOCKETS),
        externalBytesPerSocket: Math.round((heapIdle.external - heapBefore.external) / IDLE_SOCKETS),
        openedPerSecond: Math.round(IDLE_SOCKETS / openingSeconds),
      },
      delivery: {
        posted: sent,
        expectedDeliveries: expected,
        delivered: received.size,
        duplicates,
        deliveriesPerSecond: Math.round(received.size / elapsed),
        latencyMs: percentiles(latencies),
        realtimeCpuSecondsPerSecond: +(cpu / elapsed).toFixed(2),
        realtimeRssMiB: +(rssBytes(realtime.pid) / 2 ** 20).toFixed(1),
      },
    };
    writeFileSync(path.join(ROOT, 'bench/results/rtm-sockets.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    receivers.forEach((socket) => socket.terminate());
    idle.forEach((child) => child.kill());
  } finally {
    await Promise.all([stopApp(gateway), stopApp(realtime)]);
    await stopApp(messaging);
    await dropDatabase(db);
  }
}

if (process.argv[2] === 'client') clientProcess();
else
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
