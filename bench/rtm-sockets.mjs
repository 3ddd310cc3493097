// RTM on ONE realtime replica: memory per idle socket, and post-to-delivery latency at a stated
// posting rate. Loopback only, bounded in sockets, messages and time. Run: npm run bench:rtm
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { ROOT, REDIS_URL, cli, cpuSeconds, databaseUrl, dropDatabase, machine, percentiles, rssBytes, startApp, stopApp } from './lib/harness.mjs';

const IDLE_SOCKETS = Number(process.env.BENCH_IDLE_SOCKETS ?? 2000);
const RECEIVERS = Number(process.env.BENCH_RECEIVERS ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 20); // messages per second over REST
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const USERS = 10;
const SECRET = 'switchboard-bench-internal-secret';
const db = databaseUrl('switchboard_bench_rtm');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function rtmUrl(api, token, port) {
  const response = await fetch(`${api}/api/rtm.connect`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
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
  });
}

async function inBatches(count, size, make) {
  const out = [];
  for (let i = 0; i < count; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j)))));
  return out;
}

async function main() {
  await dropDatabase(db);
  cli(db, 'migrate');
  const boot = cli(db, 'admin', 'bootstrap', '--org', 'Bench', '--email', 'bench@example.test', '--name', 'Bench');
  const users = Array.from({ length: USERS }, (_, i) => cli(db, 'admin', 'user', 'create', '--org', boot.organisationID, '--email', `u${i}@example.test`, '--name', `U${i}`));

  const messaging = await startApp('messaging-service', { DATABASE_URL: db, REDIS_URL, INTERNAL_API_SECRET: SECRET, OUTBOX_POLL_INTERVAL_MS: '1000' });
  const realtime = await startApp('realtime-gateway', { REDIS_URL, INTERNAL_API_SECRET: SECRET, MESSAGING_SERVICE_URL: messaging.url });
  const gateway = await startApp('api-gateway', { REDIS_URL, INTERNAL_API_SECRET: SECRET, MESSAGING_SERVICE_URL: messaging.url, REALTIME_PUBLIC_URL: `ws://127.0.0.1:${realtime.port}`, RTM_CONNECTS_PER_MINUTE: '0', API_REQUESTS_PER_MINUTE: '0', REQUESTS_PER_TOKEN_PER_MINUTE: '0', REQUESTS_PER_IP_PER_MINUTE: '0' });
  const headers = { authorization: `Bearer ${boot.token}`, 'content-type': 'application/json' };
  const receiversUsers = users.slice(0, USERS / 2);
  const idleUsers = users.slice(USERS / 2);
  const channel = (await (await fetch(`${gateway.url}/channels/`, { method: 'POST', headers, body: JSON.stringify({ name: 'bench', members: receiversUsers.map((u) => u.userID) }) })).json()).response;

  try {
    // 1. Idle sockets: memory per socket on the replica.
    await sleep(1000);
    const rssBefore = rssBytes(realtime.pid);
    const idle = await inBatches(IDLE_SOCKETS, 50, async (i) => open(await rtmUrl(gateway.url, idleUsers[i % idleUsers.length].token, realtime.port)));
    await sleep(2000);
    const rssIdle = rssBytes(realtime.pid);

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
        posting.push(fetch(`${gateway.url}/channels/${channel.channelID}/messages/`, { method: 'POST', headers, body: JSON.stringify({ message: `${seq}:${Date.now()}` }) }).then((r) => r.arrayBuffer()));
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
      settings: { idleSockets: IDLE_SOCKETS, receivers: RECEIVERS, postsPerSecond: RATE, seconds: SECONDS },
      idle: { rssBeforeMiB: +(rssBefore / 2 ** 20).toFixed(1), rssWithSocketsMiB: +(rssIdle / 2 ** 20).toFixed(1), bytesPerSocket: Math.round((rssIdle - rssBefore) / IDLE_SOCKETS) },
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
    [...idle, ...receivers].forEach((socket) => socket.terminate());
  } finally {
    await Promise.all([stopApp(gateway), stopApp(realtime)]);
    await stopApp(messaging);
    await dropDatabase(db);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
