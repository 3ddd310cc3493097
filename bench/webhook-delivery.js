// Outgoing webhook delivery benchmark: one messaging-service and one or two webhook-dispatcher
// workers (from dist/, as production runs them) against fast local receivers on loopback.
//   throughput, 1 worker then 2 workers: with the dispatchers stopped, MESSAGES messages × TARGETS
//     outgoing webhooks (10,000 deliveries by default) are enqueued by the outbox relay; then the
//     workers start and we time how long they take to deliver them all (first to last delivery) →
//     deliveries per second; CPU seconds of each process over the drain (from /proc) → CPU per
//     delivery; Redis commands (INFO commandstats delta) and PostgreSQL transactions
//     (pg_stat_database delta, the bench's own queries taken off) per delivery.
//   latency at a fixed rate: with one worker running, messages are posted on a fixed schedule so that
//     RATE deliveries per second are due (10,000 deliveries by default); for each delivery, the time
//     from the message's commit (its created_at) to the receiver getting it. That includes the
//     relay's enqueue, so it bounds enqueue-to-delivery from above.
// Bounded: fixed counts and a hard time limit. Writes bench/results/webhooks.json (or BENCH_OUT).
// Run: npm run bench:webhooks   (needs PostgreSQL as for the tests, database switchboard_bench_webhooks
//   recreated; starts its own redis-server on a free port unless BENCH_REDIS_URL is set)
//   BENCH_CPU_PROF=1 also writes V8 CPU profiles of the dispatcher(s) to bench/results/profiles/.
const { spawn, spawnSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '..');
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/switchboard_bench_webhooks';
let REDIS_URL = process.env.BENCH_REDIS_URL;
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const TARGETS = Number(process.env.BENCH_TARGETS ?? 5);
const RATE = Number(process.env.BENCH_RATE ?? 200); // deliveries per second in the latency phase
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 50);
const CPU_PROFILE = process.env.BENCH_CPU_PROF === '1';
const DISPATCHER_OVERRIDES = JSON.parse(process.env.BENCH_DISPATCHER_ENV ?? '{}');
const TIME_LIMIT_MS = 600_000;
const SECRET = 'switchboard-bench-internal-secret';
const QUEUE_PREFIX = `bench-${randomUUID().slice(0, 8)}`;

const deadline = Date.now() + TIME_LIMIT_MS;
const children = [];

function freePort() {
  return new Promise((resolve) => {
    const server = require('node:net').createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startApp(name, env, nodeArgs = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'dist/apps', name, 'main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      REDIS_URL,
      QUEUE_PREFIX,
      INTERNAL_API_SECRET: SECRET,
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${url}/health/ready`).catch(() => null))?.ok, `${name} ready`);
  return {
    name,
    url,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) =>
        child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')),
      ),
  };
}

// CPU seconds (user + system) a process has used so far, from /proc (Linux).
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (CLK_TCK = 100)
}

function rssMiB(pid) {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

/** CPU used by each app between start() and stop(), as cores (CPU seconds per wall second) and ms per delivery. */
function cpuMeter(apps) {
  const before = new Map(apps.map((app) => [app, cpuSeconds(app.pid)]));
  const startedAt = Date.now();
  return (deliveries) => {
    const wallSeconds = (Date.now() - startedAt) / 1000;
    return Object.fromEntries(
      apps.map((app) => {
        const used = cpuSeconds(app.pid) - before.get(app);
        return [
          app.name,
          {
            cpuSeconds: round(used, 2),
            cores: round(used / wallSeconds, 2),
            cpuMsPerDelivery: round((used * 1000) / deliveries, 3),
            rssMiB: rssMiB(app.pid),
          },
        ];
      }),
    );
  };
}

/** A redis-server of the bench's own on a free port (no persistence), stopped with the bench. */
async function ownRedis() {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  children.push(child);
  const url = `redis://127.0.0.1:${port}`;
  const Redis = require('ioredis');
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => 100, maxRetriesPerRequest: 0 });
  for (let i = 0; i < 50; i++) {
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return url;
    } catch {
      probe.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('redis-server did not start');
}

/** Calls per Redis command since the server started (INFO commandstats: the commands scripts run count too). */
async function redisCommandCounts(redis) {
  const text = await redis.info('commandstats');
  const counts = {};
  for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) counts[match[1]] = Number(match[2]);
  return counts;
}

/** Redis commands per delivery between two counts (the INFO calls themselves left out), and the busiest ones. */
function redisPerDelivery(before, after, deliveries, own = {}) {
  const deltas = Object.entries(after)
    .map(([command, calls]) => [
      command,
      calls - (before[command] ?? 0) - (command === 'info' ? 1 : 0) - (own[command] ?? 0),
    ])
    .filter(([, delta]) => delta > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = deltas.reduce((sum, [, delta]) => sum + delta, 0);
  return {
    scriptsPerDelivery: round(
      deltas.filter(([command]) => /^(eval|evalsha|fcall)$/.test(command)).reduce((sum, [, delta]) => sum + delta, 0) /
        deliveries,
      2,
    ),
    commandsPerDelivery: round(total / deliveries, 2),
    byCommand: Object.fromEntries(
      deltas.slice(0, 12).map(([command, delta]) => [command, round(delta / deliveries, 3)]),
    ),
  };
}

/** Quantiles of the dispatcher's enqueue → 2xx histogram (bucket upper bounds, ms). */
async function enqueueToDelivery(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets = [...text.matchAll(/^webhook_enqueue_to_delivery_seconds_bucket\{le="([^"]+)"\} (\d+)/gm)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
  const count = buckets.at(-1)?.[1] ?? 0;
  const quantile = (q) => {
    const bucket = buckets.find(([, cumulative]) => cumulative >= q * count);
    return bucket ? (Number.isFinite(bucket[0]) ? `≤ ${bucket[0] * 1000}` : '> 300000') : null;
  };
  return { samples: count, p50: quantile(0.5), p99: quantile(0.99) };
}

async function attemptCounts(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Object.fromEntries(
    [...text.matchAll(/^webhook_delivery_attempts_total\{result="(\w+)"\} (\d+)/gm)].map((match) => [
      match[1],
      Number(match[2]),
    ]),
  );
}

const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;
const uptime = () => spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();

async function until(check, what) {
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`time limit reached waiting for ${what}`);
}

function cli(...args) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist/apps/messaging-service/cli.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim() ? JSON.parse(result.stdout) : {};
}

async function internal(baseUrl, method, route, actorId, body) {
  const response = await fetch(`${baseUrl}/internal/v1${route}`, {
    method,
    headers: { 'x-internal-secret': SECRET, 'x-actor-id': actorId, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

function startReceivers(count, onDelivery) {
  return Promise.all(
    Array.from({ length: count }, () => {
      const server = http.createServer((req, res) => {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => {
          const receivedAt = Date.now();
          res.writeHead(204).end();
          onDelivery(JSON.parse(Buffer.concat(chunks).toString('utf8')), receivedAt);
        });
      });
      server.keepAliveTimeout = 60_000;
      return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
    }),
  );
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const loadAtStart = os.loadavg()[0];
  const ownRedisServer = !REDIS_URL;
  if (!REDIS_URL) REDIS_URL = await ownRedis();
  const Redis = require('ioredis');
  const redisStats = new Redis(REDIS_URL);
  spawnSync('node', [path.join(ROOT, 'scripts/ensure-built.js')], { stdio: 'inherit' });
  const admin = new URL(DATABASE_URL);
  const dbName = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const pg = new Client({ connectionString: admin.toString() });
  await pg.connect();
  await pg.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await pg.query(`CREATE DATABASE "${dbName}"`);
  await pg.end();
  cli('migrate');
  const boot = cli('admin', 'bootstrap', '--org', 'Bench', '--email', 'bench@example.test', '--name', 'Bench');
  const bot = cli(
    'admin',
    'user',
    'create',
    '--org',
    boot.organisationID,
    '--email',
    'bot@example.test',
    '--name',
    'Bench Bot',
    '--bot',
  );

  const delivered = new Map(); // deliveryID → receivedAt
  const latencies = [];
  let latencyPhase = false;
  const receivers = await startReceivers(TARGETS, (payload, receivedAt) => {
    if (delivered.has(payload.deliveryID)) return;
    delivered.set(payload.deliveryID, receivedAt);
    if (latencyPhase) latencies.push(receivedAt - Date.parse(payload.message.createdAt));
  });
  if (CPU_PROFILE) fs.mkdirSync(path.join(__dirname, 'results/profiles'), { recursive: true });

  const messaging = await startApp('messaging-service', { DATABASE_URL, OUTBOX_POLL_INTERVAL_MS: '200' });
  const channel = await internal(messaging.url, 'POST', '/channels', boot.userID, { name: 'bench' });
  for (const server of receivers) {
    await internal(messaging.url, 'POST', '/webhooks', boot.userID, {
      channelID: channel.channelId, // internal view: …Id; SaveWebhookDto (Corteza's body): …ID
      kind: 'outgoing',
      userID: bot.userID,
      url: `http://127.0.0.1:${server.address().port}/hook`,
    });
  }
  const benchDb = new Client({ connectionString: DATABASE_URL });
  await benchDb.connect();
  // The bench's own statements (each its own transaction) are taken off the PostgreSQL counts.
  let ownQueries = 0;
  const db = { query: (...args) => (ownQueries++, benchDb.query(...args)), end: () => benchDb.end() };
  /** Committed and rolled-back transactions of the bench database so far, the bench's own not counted. */
  const pgTransactions = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // backends report their counts about once a second
    await db.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await db.query(
      'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()',
    );
    return Number(rows[0].n) - ownQueries;
  };
  // BENCH_DISPATCHER_ENV='{"WEBHOOK_OUTCOME_BATCH_MS":"20"}' tries other settings (recorded in the result).
  const dispatcherEnv = {
    MESSAGING_SERVICE_URL: messaging.url,
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    ...DISPATCHER_OVERRIDES,
  };
  const profileDir = path.join(__dirname, 'results/profiles');
  const dispatcherArgs = (label) =>
    CPU_PROFILE
      ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `dispatcher-${label}.cpuprofile`]
      : [];
  let posted = 0;
  const post = (text) =>
    internal(messaging.url, 'POST', `/channels/${channel.channelId}/messages`, boot.userID, { message: text }).then(
      () => posted++,
    );

  // Throughput: fill the queue with the dispatchers stopped, then time `workers` of them draining it.
  async function throughput(workers) {
    const total = MESSAGES * TARGETS;
    const already = delivered.size;
    for (let i = 0; i < MESSAGES; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, MESSAGES - i) }, (_, j) => post(`w${workers}-m${i + j}`)));
    }
    await until(
      async () =>
        Number((await db.query(`SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'`)).rows[0].count) >=
        total,
      'deliveries enqueued',
    );
    const firstNew = () => [...delivered.values()].slice(already);
    const load = { before: uptime() };
    const pgBefore = await pgTransactions();
    const redisBefore = await redisCommandCounts(redisStats);
    const startedAt = Date.now();
    const dispatchers = await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        startApp('webhook-dispatcher', dispatcherEnv, dispatcherArgs(`${workers}w-${i + 1}`)),
      ),
    );
    dispatchers.forEach((dispatcher, i) => (dispatcher.name = `webhook-dispatcher-${i + 1}`));
    const meter = cpuMeter([messaging, ...dispatchers]);
    await until(() => delivered.size >= already + total, `deliveries by ${workers} worker(s)`);
    const cpu = meter(total);
    const drainMs = Date.now() - startedAt;
    const times = firstNew();
    const firstToLastMs = Math.max(...times) - Math.min(...times);
    load.after = uptime();
    await until(
      async () =>
        Number((await db.query(`SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'`)).rows[0].count) ===
        0,
      'outcomes recorded',
    );
    const redis = redisPerDelivery(redisBefore, await redisCommandCounts(redisStats), total);
    const pgTransactionsPerDelivery = round(((await pgTransactions()) - pgBefore) / total, 3);
    const attempts = await Promise.all(dispatchers.map((dispatcher) => attemptCounts(dispatcher.url)));
    // Each worker's CPU per delivery it made itself, and all workers' CPU per delivery.
    dispatchers.forEach(
      (dispatcher, i) =>
        (cpu[dispatcher.name].cpuMsPerOwnDelivery = round(
          (cpu[dispatcher.name].cpuSeconds * 1000) / (attempts[i].delivered ?? 1),
          3,
        )),
    );
    const dispatcherCpuMsPerDelivery = round(
      (dispatchers.reduce((sum, dispatcher) => sum + cpu[dispatcher.name].cpuSeconds, 0) * 1000) / total,
      3,
    );
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
    return {
      workers,
      deliveries: total,
      msIncludingWorkerStart: drainMs,
      msFirstToLastDelivery: firstToLastMs,
      deliveriesPerSecond: Math.round((total / firstToLastMs) * 1000),
      deliveriesPerSecondPerWorker: Math.round(((total / firstToLastMs) * 1000) / workers),
      // deferred: a job found its target at the per-target cap and stepped aside (moved to delayed).
      attempts,
      dispatcherCpuMsPerDelivery,
      // Over the whole drain, every process: BullMQ's and the semaphore's commands, and the outcomes' transactions.
      redisScriptsPerDelivery: redis.scriptsPerDelivery,
      redisCommandsPerDelivery: redis.commandsPerDelivery,
      pgTransactionsPerDelivery,
      redisByCommand: redis.byCommand,
      cpu,
      load,
    };
  }

  // Latency at a fixed rate: RATE deliveries per second are due (RATE / TARGETS messages per second).
  async function latencyAtRate() {
    const dispatcher = await startApp('webhook-dispatcher', dispatcherEnv, dispatcherArgs('latency'));
    const perSecond = RATE / TARGETS;
    const messages = Math.round(perSecond * LATENCY_SECONDS);
    const expected = delivered.size + messages * TARGETS;
    const load = { before: uptime() };
    const pgBefore = await pgTransactions();
    const redisBefore = await redisCommandCounts(redisStats);
    const meter = cpuMeter([messaging, dispatcher]);
    // Jobs waiting for the worker, sampled every 250 ms: a backlog here is the dispatcher's, not the relay's.
    let depthSamples = 0;
    let deepest = 0;
    const waitKey = `${QUEUE_PREFIX}:webhook-deliveries:wait`;
    const sampler = setInterval(
      () =>
        redisStats.llen(waitKey).then((depth) => {
          depthSamples++;
          deepest = Math.max(deepest, depth);
        }),
      250,
    );
    latencyPhase = true;
    const startedAt = Date.now();
    const posts = [];
    for (let i = 0; i < messages; i++) {
      const due = startedAt + (i * 1000) / perSecond;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      posts.push(post(`l${i}`));
    }
    await Promise.all(posts);
    const postingSeconds = (Date.now() - startedAt) / 1000;
    await until(() => delivered.size >= expected, 'latency-phase deliveries');
    const cpu = meter(messages * TARGETS);
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, 100));
    latencyPhase = false;
    load.after = uptime();
    await until(
      async () =>
        Number((await db.query(`SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'`)).rows[0].count) ===
        0,
      'outcomes recorded',
    );
    // Here the posts' own Redis commands and transactions (the write path, the relay) are counted too.
    const redis = redisPerDelivery(redisBefore, await redisCommandCounts(redisStats), messages * TARGETS, {
      llen: depthSamples,
    });
    const pgTransactionsPerDelivery = round(((await pgTransactions()) - pgBefore) / (messages * TARGETS), 3);
    const enqueueToDeliveryMs = await enqueueToDelivery(dispatcher.url);
    const attempts = await attemptCounts(dispatcher.url);
    await dispatcher.stop();
    latencies.sort((a, b) => a - b);
    return {
      offeredDeliveriesPerSecond: RATE,
      achievedPostingDeliveriesPerSecond: Math.round((messages * TARGETS) / postingSeconds),
      samples: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1],
      // The dispatcher's own histogram (job added by the relay → 2xx answer): the part after the relay.
      enqueueToDeliveryMs,
      mostJobsWaiting: deepest,
      attempts,
      dispatcherCpuMsPerDelivery: cpu['webhook-dispatcher'].cpuMsPerDelivery,
      redisScriptsPerDelivery: redis.scriptsPerDelivery,
      redisCommandsPerDelivery: redis.commandsPerDelivery,
      pgTransactionsPerDelivery,
      redisByCommand: redis.byCommand,
      cpu,
      load,
    };
  }

  const phases = (process.env.BENCH_PHASES ?? '1,2,latency').split(',');
  const runs = [];
  for (const workers of [1, 2]) if (phases.includes(String(workers))) runs.push(await throughput(workers));
  const commitToDeliveryMs = phases.includes('latency') ? await latencyAtRate() : null;
  await db.end();
  redisStats.disconnect();
  await messaging.stop();
  receivers.forEach((server) => server.close());

  const result = {
    benchmark: 'webhook-delivery',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    // The machine may be shared: the load average says how much else was running.
    loadAverage1m: { atStart: loadAtStart, atEnd: os.loadavg()[0] },
    // Dispatcher defaults (WEBHOOK_CONCURRENCY 50, WEBHOOK_PER_TARGET_CONCURRENCY 4, outcome batches of 100 / 20 ms) unless overridden here.
    settings: {
      messages: MESSAGES,
      targets: TARGETS,
      dispatcherOverrides: DISPATCHER_OVERRIDES,
      latencyRate: RATE,
      latencySeconds: LATENCY_SECONDS,
      cpuProfile: CPU_PROFILE,
      redis: ownRedisServer ? 'own redis-server on a free port' : 'BENCH_REDIS_URL',
    },
    throughput: runs,
    commitToDeliveryMs,
  };
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const out = process.env.BENCH_OUT ?? path.join(__dirname, 'results/webhooks.json');
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => children.forEach((child) => child.exitCode === null && child.kill('SIGTERM')));
