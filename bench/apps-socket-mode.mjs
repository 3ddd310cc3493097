// Slack Socket Mode on ONE realtime replica: events per second delivered to 1 and to 10 connections
// of one app (events injected straight into the app's Redis Stream, so the Socket Mode layer is what
// is measured), the server-side ack round-trip (envelope written → ack received, p50/p99 from the
// replica's socket_mode_ack_seconds histogram), and end to end post → envelope latency for messages
// posted over REST at a stated rate. Loopback only, bounded. Run: npm run bench:apps
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
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
  startApp,
  stopApp,
} from './lib/harness.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const RATE = Number(process.env.BENCH_RATE ?? 10); // REST posts per second for the end-to-end part
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SECRET = 'switchboard-bench-internal-secret';
const db = databaseUrl('switchboard_bench_apps');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function socketUrl(api, appToken) {
  const body = await (
    await fetch(`${api}/api/apps.connections.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${appToken}` },
    })
  ).json();
  if (!body.ok) throw new Error(`apps.connections.open: ${body.error}`);
  return body.url;
}

/** A Socket Mode client that acknowledges every envelope at once, as Bolt does for events. */
function connect(url, onEnvelope) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'hello') return resolve(socket);
      if (frame.type !== 'events_api') return;
      socket.send(JSON.stringify({ envelope_id: frame.envelope_id, payload: {} }));
      onEnvelope(frame);
    });
    socket.once('error', reject);
  });
}

/** Cumulative bucket counts of a Prometheus histogram, from /metrics text. */
async function histogram(url, name) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets = [];
  for (const match of text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+)`, 'gm')))
    buckets.push([match[1] === '+Inf' ? Infinity : Number(match[1]), Number(match[2])]);
  return buckets;
}

/** p50/p99 upper bounds (ms) from the difference of two cumulative histograms. */
function histogramPercentiles(before, after) {
  const delta = after.map(([le, count], i) => [le, count - (before[i]?.[1] ?? 0)]);
  const total = delta.at(-1)?.[1] ?? 0;
  const at = (p) => delta.find(([, count]) => count >= (p / 100) * total)?.[0] ?? null;
  const ms = (le) => (le === null ? null : le === Infinity ? 'above 2500' : +(le * 1000).toFixed(2));
  return { count: total, p50AtMostMs: ms(at(50)), p99AtMostMs: ms(at(99)) };
}

async function deliveryRound(connections, gateway, realtime, appToken, streamKey, redis) {
  const seen = new Map();
  let duplicates = 0;
  let lastAt = 0;
  const perConnection = Array(connections).fill(0);
  const sockets = [];
  for (let i = 0; i < connections; i++) {
    sockets.push(
      await connect(await socketUrl(gateway.url, appToken), (frame) => {
        const id = frame.payload.event_id;
        if (seen.has(id)) duplicates++;
        seen.set(id, true);
        perConnection[i]++;
        lastAt = performance.now();
      }),
    );
  }
  await sleep(500);
  const ackBefore = await histogram(realtime.url, 'socket_mode_ack_seconds');
  const cpuBefore = cpuSeconds(realtime.pid);
  const started = performance.now();
  const payload = (n) =>
    JSON.stringify({
      type: 'event_callback',
      event_id: `EvBENCH${connections}x${n}`,
      event: { type: 'message', text: `bench ${n}` },
    });
  for (let n = 0; n < EVENTS; n += 500) {
    const batch = redis.pipeline();
    for (let k = n; k < Math.min(EVENTS, n + 500); k++)
      batch.xadd(streamKey, '*', 'event_id', `EvBENCH${connections}x${k}`, 'payload', payload(k));
    await batch.exec();
  }
  const deadline = Date.now() + 120_000;
  while (seen.size < EVENTS && Date.now() < deadline) await sleep(50);
  const seconds = (lastAt - started) / 1000;
  const cpu = cpuSeconds(realtime.pid) - cpuBefore;
  await sleep(1000);
  const ack = histogramPercentiles(ackBefore, await histogram(realtime.url, 'socket_mode_ack_seconds'));
  const pending = await redis.xpending(streamKey, 'socket-mode');
  for (const socket of sockets) socket.close();
  await sleep(1000);
  return {
    connections,
    events: EVENTS,
    delivered: seen.size,
    duplicates,
    eventsPerSecond: Math.round(seen.size / seconds),
    perConnection,
    ackRoundTrip: ack,
    pendingAfter: Number(pending[0]),
    realtimeCpuSecondsPerSecond: +(cpu / seconds).toFixed(2),
  };
}

async function main() {
  await dropDatabase(db);
  cli(db, 'migrate');
  const boot = cli(db, 'admin', 'bootstrap', '--org', 'Bench', '--email', 'bench@example.test', '--name', 'Bench');
  const app = cli(
    db,
    'admin',
    'app',
    'create',
    '--org',
    boot.organisationID,
    '--name',
    'Bench App',
    '--events',
    'message',
    '--socket-mode',
  );
  const appToken = cli(db, 'admin', 'app', 'token', 'create', '--app', app.appID, '--kind', 'app').token;
  const messaging = await startApp('messaging-service', {
    DATABASE_URL: db,
    REDIS_URL,
    INTERNAL_API_SECRET: SECRET,
    OUTBOX_POLL_INTERVAL_MS: '1000',
  });
  const realtime = await startApp('realtime-gateway', {
    REDIS_URL,
    INTERNAL_API_SECRET: SECRET,
    MESSAGING_SERVICE_URL: messaging.url,
  });
  const gateway = await startApp('api-gateway', {
    REDIS_URL,
    INTERNAL_API_SECRET: SECRET,
    MESSAGING_SERVICE_URL: messaging.url,
    REALTIME_PUBLIC_URL: `ws://127.0.0.1:${realtime.port}`,
    API_REQUESTS_PER_MINUTE: '0',
  });
  const redis = new Redis(REDIS_URL);
  const streamKey = `sb:apps:{app:${app.appID}}:events`;
  const headers = { authorization: `Bearer ${boot.token}`, 'content-type': 'application/json' };
  try {
    const channel = (
      await (
        await fetch(`${gateway.url}/channels/`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: 'bench', members: [app.botUserID] }),
        })
      ).json()
    ).response;
    const rounds = [];
    for (const connections of [1, 10])
      rounds.push(await deliveryRound(connections, gateway, realtime, appToken, streamKey, redis));

    // End to end: REST post → relay → stream → envelope, at RATE posts per second for SECONDS. The
    // injected entries had server-assigned (time) ids, above the relay's event-id based ones: start afresh.
    await redis.del(streamKey);
    const latencies = [];
    const socket = await connect(await socketUrl(gateway.url, appToken), (frame) => {
      const [seq, sentAt] = String(frame.payload.event.text ?? '')
        .split(':')
        .map(Number);
      if (Number.isFinite(seq) && Number.isFinite(sentAt)) latencies.push(Date.now() - sentAt);
    });
    const started = Date.now();
    let sent = 0;
    const posting = [];
    while (Date.now() - started < SECONDS * 1000) {
      const due = Math.floor(((Date.now() - started) / 1000) * RATE);
      while (sent < due)
        posting.push(
          fetch(`${gateway.url}/channels/${channel.channelID}/messages/`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ message: `${sent++}:${Date.now()}` }),
          }).then((r) => r.arrayBuffer()),
        );
      await sleep(5);
    }
    await Promise.all(posting);
    const deadline = Date.now() + 30_000;
    while (latencies.length < sent && Date.now() < deadline) await sleep(100);
    socket.close();

    const result = {
      benchmark: 'apps-socket-mode',
      command: 'npm run bench:apps',
      machine: machine(),
      settings: { injectedEvents: EVENTS, restPostsPerSecond: RATE, seconds: SECONDS },
      delivery: rounds,
      endToEnd: { posted: sent, received: latencies.length, postToEnvelopeMs: percentiles(latencies) },
    };
    writeFileSync(path.join(ROOT, 'bench/results/apps-socket-mode.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await redis.del(streamKey).catch(() => undefined);
    redis.disconnect();
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
