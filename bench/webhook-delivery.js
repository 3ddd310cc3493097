// Outgoing webhook delivery benchmark: one messaging-service and ONE webhook-dispatcher worker (from
// dist/, as production runs them) against fast local receivers on loopback.
//   phase 1, throughput: with the dispatcher stopped, MESSAGES messages × TARGETS outgoing webhooks
//     are enqueued by the outbox relay; then the dispatcher starts and we time how long it takes to
//     deliver them all → deliveries per second for one worker.
//   phase 2, latency: with the dispatcher running, messages are posted one at a time; for each
//     delivery, the time from the message's commit (its created_at) to the receiver getting it.
//     That includes the relay's enqueue, so it bounds enqueue-to-delivery from above.
// Bounded: fixed counts and a hard time limit. Writes bench/results/webhook-delivery.json.
// Run: npm run bench:webhooks   (needs PostgreSQL and Redis as for the tests; uses database switchboard_bench)
const { spawn, spawnSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '..');
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/switchboard_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 400);
const TARGETS = Number(process.env.BENCH_TARGETS ?? 5);
const LATENCY_MESSAGES = Number(process.env.BENCH_LATENCY_MESSAGES ?? 200);
const TIME_LIMIT_MS = 180_000;
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

async function startApp(name, env) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps', name, 'main.js')], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', REDIS_URL, QUEUE_PREFIX, INTERNAL_API_SECRET: SECRET, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${url}/health/ready`).catch(() => null))?.ok, `${name} ready`);
  return { url, stop: () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')))) };
}

async function until(check, what) {
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`time limit reached waiting for ${what}`);
}

function cli(...args) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist/apps/messaging-service/cli.js'), ...args], { env: { PATH: process.env.PATH ?? '', DATABASE_URL }, encoding: 'utf8' });
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
  const bot = cli('admin', 'user', 'create', '--org', boot.organisationID, '--email', 'bot@example.test', '--name', 'Bench Bot', '--bot');

  const delivered = new Map(); // deliveryID → receivedAt
  const latencies = [];
  let latencyPhase = false;
  const receivers = await startReceivers(TARGETS, (payload, receivedAt) => {
    if (delivered.has(payload.deliveryID)) return;
    delivered.set(payload.deliveryID, receivedAt);
    if (latencyPhase) latencies.push(receivedAt - Date.parse(payload.message.createdAt));
  });

  const messaging = await startApp('messaging-service', { DATABASE_URL, OUTBOX_POLL_INTERVAL_MS: '200' });
  const channel = await internal(messaging.url, 'POST', '/channels', boot.userID, { name: 'bench' });
  for (const server of receivers) {
    await internal(messaging.url, 'POST', '/webhooks', boot.userID, { channelID: channel.channelID, kind: 'outgoing', userID: bot.userID, url: `http://127.0.0.1:${server.address().port}/hook` });
  }

  // Phase 1: fill the queue with the dispatcher stopped, then time one worker draining it.
  const total = MESSAGES * TARGETS;
  for (let i = 0; i < MESSAGES; i += 20) {
    await Promise.all(Array.from({ length: Math.min(20, MESSAGES - i) }, (_, j) => internal(messaging.url, 'POST', `/channels/${channel.channelID}/messages`, boot.userID, { message: `m${i + j}` })));
  }
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  await until(async () => Number((await db.query('SELECT count(*) FROM webhook_deliveries')).rows[0].count) >= total, 'deliveries enqueued');
  const dispatcherEnv = { MESSAGING_SERVICE_URL: messaging.url, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' };
  const startedAt = Date.now();
  const dispatcher = await startApp('webhook-dispatcher', dispatcherEnv);
  await until(() => delivered.size >= total, 'phase 1 deliveries');
  const drainMs = Date.now() - startedAt;
  const drainFromFirstMs = Math.max(...delivered.values()) - Math.min(...delivered.values());

  // Phase 2: one message at a time; each waits for its deliveries before the next is posted.
  latencyPhase = true;
  for (let i = 0; i < LATENCY_MESSAGES; i++) {
    const before = delivered.size;
    await internal(messaging.url, 'POST', `/channels/${channel.channelID}/messages`, boot.userID, { message: `l${i}` });
    await until(() => delivered.size >= before + TARGETS, 'phase 2 deliveries');
  }
  await db.end();
  await dispatcher.stop();
  await messaging.stop();
  receivers.forEach((server) => server.close());

  latencies.sort((a, b) => a - b);
  const result = {
    benchmark: 'webhook-delivery',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    // The machine may be shared: the 1-minute load average says how much else was running.
    loadAverage1m: { atStart: loadAtStart, atEnd: os.loadavg()[0] },
    settings: { messages: MESSAGES, targets: TARGETS, workers: 1, concurrency: 10, perTargetConcurrency: 4 },
    throughput: {
      deliveries: total,
      msIncludingWorkerStart: drainMs,
      deliveriesPerSecondIncludingWorkerStart: Math.round((total / drainMs) * 1000),
      msFirstToLastDelivery: drainFromFirstMs,
      deliveriesPerSecond: Math.round((total / drainFromFirstMs) * 1000),
    },
    commitToDeliveryMs: { samples: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] },
  };
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results/webhook-delivery.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => children.forEach((child) => child.exitCode === null && child.kill('SIGTERM')));
