#!/usr/bin/env node
// Zulip event-queue benchmark (`npm run bench:queues`). Loopback only, bounded in size and time.
// Starts messaging-service, one realtime-gateway and the api-gateway from dist/ against a bench
// database, then measures on ONE realtime replica:
//   1. idle long-polls held: registers BENCH_IDLE_POLLS queues and parks one waiting poll on each
//      (100 at a time), reporting how many are held and the replica's memory (RSS) before and after;
//   2. delivery round-trip under that load: with the idle polls still parked, BENCH_ACTIVE queues
//      wait on a channel; each sample posts a message over REST and times until every active
//      poll has returned it (p50/p99 of the per-poll latency);
//   3. non-blocking poll round-trip (GET /events?dont_block=true) p50/p99 at BENCH_CONCURRENCY.
//   4. Redis commands per poll: `INFO commandstats` deltas over BENCH_COUNTED_POLLS non-blocking
//      polls, on a Redis of the bench's own (started from PATH on a free port unless
//      BENCH_REDIS_URL is set), so no other client's commands are counted.
// Parked polls are held by child processes of 5,000 each (every process has its own descriptor
// limit); the replica holds what its descriptor limit allows (the result records the limit).
// Results go to bench/results/queues.json.
const { fork, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');

const root = path.resolve(__dirname, '..');
const node = process.execPath;
const DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/switchboard_bench';
let REDIS_URL = process.env.BENCH_REDIS_URL || '';
const WANTED_IDLE = Number(process.env.BENCH_IDLE_POLLS || 20000);
const FD_LIMIT = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
const IDLE = Math.min(WANTED_IDLE, FD_LIMIT - 1000);
const COUNTED_POLLS = Number(process.env.BENCH_COUNTED_POLLS || 50);
const POLLS_PER_CLIENT_PROCESS = 5000;
const ACTIVE = Number(process.env.BENCH_ACTIVE || 20);
const SAMPLES = Number(process.env.BENCH_SAMPLES || 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 16);
const NONBLOCKING = Number(process.env.BENCH_NONBLOCKING || 2000);
// The edges' credential cache (AUTH_CACHE_SECONDS); 0 measures every poll paying a token lookup.
const AUTH_CACHE_SECONDS = process.env.BENCH_AUTH_CACHE_SECONDS || '10';
const SECRET = 'switchboard-bench-internal-secret';
// Plain node:http with an unbounded keep-alive pool: every parked long-poll needs its own socket.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
function fetch(url, init = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method || 'GET', headers: init.headers || {}, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          ok: res.statusCode >= 200 && res.statusCode < 300,
          status: res.statusCode,
          json: async () => JSON.parse(text),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

const children = [];
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function cli(...args) {
  const result = spawnSync(node, [path.join(root, 'dist/apps/messaging-service/cli.js'), ...args], {
    env: { PATH: process.env.PATH, DATABASE_URL },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim() ? JSON.parse(result.stdout) : {};
}

// BENCH_HEAP_SNAPSHOT=1: the replica writes a heap snapshot (Heap.*.heapsnapshot in the repository root) with the polls parked.
const HEAP_SNAPSHOT = process.env.BENCH_HEAP_SNAPSHOT === '1';
// BENCH_NODE_ARGS: extra node/V8 flags for the replica, to compare heap settings.
const NODE_ARGS = (process.env.BENCH_NODE_ARGS || '').split(' ').filter(Boolean);

async function startApp(name, port, env) {
  const flags =
    name === 'realtime-gateway' ? [...(HEAP_SNAPSHOT ? ['--heapsnapshot-signal=SIGUSR2'] : []), ...NODE_ARGS] : [];
  const child = spawn(node, [...flags, path.join(root, 'dist/apps', name, 'main.js')], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'error', ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not start`);
}

function rssKib(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
};

/** Parses `INFO commandstats` into {command: calls}. */
async function commandCalls(redis) {
  const calls = {};
  for (const match of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    calls[match[1]] = Number(match[2]);
  return calls;
}

/** A child process that parks the polls it is given and reports when they reached the server. */
function pollHolder() {
  process.on('disconnect', () => process.exit(0));
  process.on('message', ({ replica, entries }) => {
    for (const { email, token, queueId, lastEventId } of entries) {
      fetch(`${replica}/events?queue_id=${queueId}&last_event_id=${lastEventId}&dont_block=false`, {
        headers: { authorization: `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}` },
      }).catch(() => null);
    }
    process.send({ parked: entries.length });
  });
}

async function ownRedis() {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxclients', '50000'],
    { stdio: 'ignore' },
  );
  children.push(child);
  const Redis = require('ioredis');
  const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, retryStrategy: () => 100 });
  for (let i = 0; i < 50; i++) {
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return `redis://127.0.0.1:${port}`;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('redis-server did not start');
}

async function main() {
  if (!REDIS_URL) REDIS_URL = await ownRedis();
  cli('migrate');
  const tag = Date.now().toString(36);
  const boot = cli(
    'admin',
    'bootstrap',
    '--org',
    `Bench ${tag}`,
    '--email',
    `bench-${tag}@example.test`,
    '--name',
    'Bench Admin',
  );
  const users = [];
  for (let i = 0; i < 4; i++) {
    const email = `bench${i}-${tag}@example.test`;
    const user = cli(
      'admin',
      'user',
      'create',
      '--org',
      boot.organisationID,
      '--email',
      email,
      '--name',
      `Bench ${i}`,
      '--bot',
    );
    users.push({ email, token: user.token, id: user.userID });
  }
  const [messagingPort, realtimePort, gatewayPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const common = {
    REDIS_URL,
    INTERNAL_API_SECRET: SECRET,
    MESSAGING_SERVICE_URL: `http://127.0.0.1:${messagingPort}`,
    AUTH_CACHE_SECONDS,
  };
  await startApp('messaging-service', messagingPort, {
    DATABASE_URL,
    REDIS_URL,
    INTERNAL_API_SECRET: SECRET,
    OUTBOX_POLL_INTERVAL_MS: '200',
  });
  // Four users hold all the queues here, so the per-user queue bound is raised for the run.
  const realtime = await startApp('realtime-gateway', realtimePort, {
    ...common,
    ZULIP_HEARTBEAT_SECONDS: '300',
    ZULIP_MAX_QUEUES_PER_USER: '10000',
  });
  await startApp('api-gateway', gatewayPort, {
    ...common,
    REALTIME_SERVICE_URL: `http://127.0.0.1:${realtimePort}`,
    REALTIME_PUBLIC_URL: `ws://127.0.0.1:${realtimePort}`,
    REQUESTS_PER_TOKEN_PER_MINUTE: '0',
    REQUESTS_PER_IP_PER_MINUTE: '0',
  });
  const gateway = `http://127.0.0.1:${gatewayPort}`;
  const replica = `http://127.0.0.1:${realtimePort}/api/v1`;
  const auth = (user) => ({ authorization: `Basic ${Buffer.from(`${user.email}:${user.token}`).toString('base64')}` });
  // A register refused as retryable (messaging-service busy on the loaded machine) is tried again, like a Zulip client would.
  const register = async (user, params, attempt = 1) => {
    const response = await fetch(`${replica}/register`, {
      method: 'POST',
      headers: { ...auth(user), 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    const body = await response.json();
    if (body.result === 'success') return body;
    if (attempt < 5 && (response.status === 503 || response.status === 429)) {
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt + Math.random() * 500));
      return register(user, params, attempt + 1);
    }
    throw new Error(`register failed: ${JSON.stringify(body)}`);
  };
  const poll = async (user, queue, lastEventId, dontBlock) => {
    const url = `${replica}/events?queue_id=${queue}&last_event_id=${lastEventId}&dont_block=${dontBlock}`;
    return (await fetch(url, { headers: auth(user) })).json();
  };

  const channel = await (
    await fetch(`${gateway}/channels/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${boot.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `bench-${tag}`, members: users.map((user) => user.id) }),
    })
  ).json();
  const channelId = channel.response.channelID;

  // 1. Idle long-polls (their narrow matches nothing that is posted, so they stay parked).
  const rssBeforeKib = rssKib(realtime.pid);
  const rssBefore = Math.round(rssBeforeKib / 1024);
  const idleQueues = [];
  for (let i = 0; i < IDLE; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, IDLE - i) }, (_, j) =>
        register(users[(i + j) % users.length], {
          event_types: ['message'],
          narrow: [['topic', 'never']],
          queue_lifespan_secs: 7200,
        }),
      ),
    );
    batch.forEach((queue, j) => idleQueues.push({ user: users[(i + j) % users.length], queue }));
  }
  // Parked in batches of 100, each batch waited for: the replica's holding capacity is measured,
  // not how fast one burst of authentications gets through messaging-service.
  // A poll has reached the server once it bumped its queue's poll generation in Redis.
  const Redis = require('ioredis');
  const redis = new Redis(REDIS_URL);
  const reached = async (batch) =>
    (await Promise.all(batch.map(({ queue }) => redis.hget(`sb:zq:{${queue.queue_id}}`, 'gen')))).every(
      (gen) => Number(gen) >= 1,
    );
  let holder = null;
  for (let i = 0; i < idleQueues.length; i += 100) {
    if (i % POLLS_PER_CLIENT_PROCESS === 0) {
      holder = fork(__filename, ['holder'], { stdio: 'inherit' });
      children.push(holder);
    }
    const batch = idleQueues.slice(i, i + 100);
    const sent = new Promise((resolve) => holder.once('message', resolve));
    holder.send({
      replica,
      entries: batch.map(({ user, queue }) => ({
        email: user.email,
        token: user.token,
        queueId: queue.queue_id,
        lastEventId: queue.last_event_id,
      })),
    });
    await sent;
    const deadline = Date.now() + 30000;
    while (!(await reached(batch)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const held = (
    await Promise.all(idleQueues.map(({ queue }) => redis.hget(`sb:zq:{${queue.queue_id}}`, 'gen')))
  ).filter((gen) => Number(gen) >= 1).length;
  const rssHeldKib = rssKib(realtime.pid);
  const rssHeld = Math.round(rssHeldKib / 1024);
  if (HEAP_SNAPSHOT) {
    realtime.kill('SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, 20000));
  }

  // 2. Delivery round-trip with the idle polls still parked.
  const active = await Promise.all(
    Array.from({ length: ACTIVE }, (_, i) =>
      register(users[i % users.length], { event_types: ['message'], narrow: [['topic', 'live']] }).then((queue) => ({
        user: users[i % users.length],
        queue,
        last: queue.last_event_id,
      })),
    ),
  );
  const delivery = [];
  for (let s = 0; s < SAMPLES; s++) {
    const waits = active.map(async (entry) => {
      const body = await poll(entry.user, entry.queue.queue_id, entry.last, false);
      const done = performance.now();
      if (body.events?.length) entry.last = Math.max(...body.events.map((event) => event.id));
      return done;
    });
    // Give the polls a moment to park before posting (they would return the message anyway).
    await new Promise((resolve) => setTimeout(resolve, 20));
    const sentAt = performance.now();
    await fetch(`${gateway}/channels/${channelId}/messages/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${boot.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: `sample ${s}`, topic: 'live' }),
    });
    for (const done of await Promise.all(waits)) delivery.push(done - sentAt);
  }

  // 3. Non-blocking polls at fixed concurrency.
  const nonBlocking = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < NONBLOCKING) {
        const entry = active[next++ % active.length];
        const started = performance.now();
        await poll(entry.user, entry.queue.queue_id, entry.last, true);
        nonBlocking.push(performance.now() - started);
      }
    }),
  );

  // 4. Redis commands per poll (non-blocking polls, one at a time, no event pending).
  const countedEntry = active[0];
  await poll(countedEntry.user, countedEntry.queue.queue_id, countedEntry.last, true);
  // MONITOR tells the commands clients sent from those run inside Lua scripts (source "lua").
  const monitor = await redis.monitor();
  const sentBy = { client: {}, lua: {} };
  monitor.on('monitor', (_time, args, source) => {
    const side = source === 'lua' ? sentBy.lua : sentBy.client;
    const name = String(args[0]).toLowerCase();
    side[name] = (side[name] ?? 0) + 1;
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const callsBefore = await commandCalls(redis);
  for (let i = 0; i < COUNTED_POLLS; i++)
    await poll(countedEntry.user, countedEntry.queue.queue_id, countedEntry.last, true);
  const callsAfter = await commandCalls(redis);
  await new Promise((resolve) => setTimeout(resolve, 200));
  monitor.disconnect();
  delete sentBy.client.info;
  const perPoll = (counts) =>
    Number((Object.values(counts).reduce((sum, calls) => sum + calls, 0) / COUNTED_POLLS).toFixed(2));
  // The INFO call itself is counted once in the delta.
  const perCommand = Object.fromEntries(
    Object.entries(callsAfter)
      .map(([name, calls]) => [name, calls - (callsBefore[name] ?? 0) - (name === 'info' ? 1 : 0)])
      .filter(([, calls]) => calls > 0),
  );
  const commandsPerPoll = Object.values(perCommand).reduce((sum, calls) => sum + calls, 0) / COUNTED_POLLS;

  const results = {
    script: 'npm run bench:queues',
    date: new Date().toISOString(),
    authCacheSeconds: Number(AUTH_CACHE_SECONDS),
    replicaNodeArgs: NODE_ARGS,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage1m: Number(os.loadavg()[0].toFixed(1)),
    },
    redisCommandsPerPoll: {
      polls: COUNTED_POLLS,
      perPoll: Number(commandsPerPoll.toFixed(2)),
      byCommand: perCommand,
      sentByClientsPerPoll: perPoll(sentBy.client),
      sentByClients: sentBy.client,
      insideLuaScriptsPerPoll: perPoll(sentBy.lua),
      roundTripsPerPollFromCode: 3,
      roundTrips:
        'counted in the code path, not measured: the BEGIN_POLL script; the event-log and transient-log reads sent together (4 XRANGE/XREVRANGE, one wait); the SAVE_POSITION script',
      note: 'non-blocking polls, auth cached, nothing pending; includes the realtime replica, api-gateway and messaging-service (all on this Redis)',
    },
    idlePolls: {
      requested: WANTED_IDLE,
      fileDescriptorLimit: FD_LIMIT,
      held,
      realtimeRssMbBefore: rssBefore,
      realtimeRssMbHeld: rssHeld,
      rssKbPerPoll: +(((rssHeldKib - rssBeforeKib) * 1.024) / Math.max(1, held)).toFixed(1),
      rssKibPerPoll: +((rssHeldKib - rssBeforeKib) / Math.max(1, held)).toFixed(1),
    },
    deliveryMs: {
      activePolls: ACTIVE,
      samples: delivery.length,
      p50: percentile(delivery, 50),
      p99: percentile(delivery, 99),
    },
    nonBlockingPollMs: {
      requests: nonBlocking.length,
      concurrency: CONCURRENCY,
      p50: percentile(nonBlocking, 50),
      p99: percentile(nonBlocking, 99),
    },
  };
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/queues.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  redis.disconnect();
  children.forEach((child) => child.kill('SIGKILL'));
  process.exit(0);
}

if (process.argv[2] === 'holder') pollHolder();
else
  main().catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  });
