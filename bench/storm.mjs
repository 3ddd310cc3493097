// Reconnect storm (`npm run bench:storm`): BENCH_STORM_SOCKETS RTM clients behind a small TCP
// load balancer over two realtime replicas, a message posted every 1/BENCH_STORM_RATE s, then one
// replica SIGKILLed. Measures how long until every client of the dead replica has a socket
// again (its `hello`), what they saw meanwhile (429 with Retry-After is the documented retryable
// answer), and whether any client missed or got twice any message (must be 0: lossless
// reconnect). The clients behave like unmodified Slack bots: rtm.connect, open the URL, on close
// do it again, wait out a 429's Retry-After, and never pass a resume parameter. Each has its own
// User-Agent (a bot process of its own); the 10 users' tokens are shared, so per-user limits are off.
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import { ROOT, REDIS_URL, cli, databaseUrl, dropDatabase, machine, startApp, stopApp } from './lib/harness.mjs';

const SOCKETS = Number(process.env.BENCH_STORM_SOCKETS ?? 2000);
const RATE = Number(process.env.BENCH_STORM_RATE ?? 5);
const USERS = 10;
/** BENCH_STORM_SETUPS: the replicas' RTM_SESSION_SETUPS_IN_FLIGHT (default: the app's own). */
const SETUPS = process.env.BENCH_STORM_SETUPS;
const SECRET = 'switchboard-bench-internal-secret';
const db = databaseUrl('switchboard_bench_storm');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Round-robin TCP balancer; a backend that refuses the connection is skipped, as a Kubernetes Service would after its endpoint goes. */
function loadBalancer(backends) {
  let next = 0;
  const server = net.createServer((client) => {
    client.pause();
    const start = next++;
    const attempt = (k) => {
      if (k >= backends.length) return client.destroy();
      const upstream = net.connect(backends[(start + k) % backends.length], '127.0.0.1');
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        client.pipe(upstream);
        upstream.pipe(client);
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.resume();
      });
      upstream.on('error', () => (connected ? client.destroy() : attempt(k + 1)));
    };
    attempt(0);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port })),
  );
}

class StormClient {
  received = new Set();
  duplicates = 0;
  hellos = [];
  statuses = {};
  replicaPort = null;
  stopped = false;

  constructor(index, token, api) {
    this.index = index;
    this.token = token;
    this.api = api;
  }

  async connect() {
    while (!this.stopped) {
      let response;
      try {
        response = await fetch(`${this.api}/api/rtm.connect`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.token}`, 'user-agent': `storm-bot/${this.index}` },
        });
      } catch {
        this.count('network');
        await sleep(1000);
        continue;
      }
      this.count(String(response.status));
      if (response.status === 429) {
        await response.arrayBuffer();
        await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
        continue;
      }
      const body = await response.json();
      if (!body.ok) {
        await sleep(1000);
        continue;
      }
      if (await this.open(body.url)) return;
    }
  }

  count(status) {
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
  }

  open(url) {
    return new Promise((resolve) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      let hello = false;
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'hello') {
          hello = true;
          this.hellos.push(Date.now());
          resolve(true);
        } else if (frame.type === 'message' && !frame.subtype && String(frame.text).startsWith('storm ')) {
          if (this.received.has(frame.text)) this.duplicates++;
          else this.received.add(frame.text);
        }
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (!hello) return resolve(false);
        if (!this.stopped) void this.connect();
      });
      this.socket = socket;
    });
  }
}

async function main() {
  await dropDatabase(db);
  cli(db, 'migrate');
  const boot = cli(db, 'admin', 'bootstrap', '--org', 'Storm', '--email', 'storm@example.test', '--name', 'Storm');
  const users = Array.from({ length: USERS }, (_, i) =>
    cli(
      db,
      'admin',
      'user',
      'create',
      '--org',
      boot.organisationID,
      '--email',
      `s${i}@example.test`,
      '--name',
      `S${i}`,
      '--bot',
    ),
  );
  const messaging = await startApp('messaging-service', {
    DATABASE_URL: db,
    REDIS_URL,
    INTERNAL_API_SECRET: SECRET,
    OUTBOX_POLL_INTERVAL_MS: '1000',
  });
  const common = {
    REDIS_URL,
    INTERNAL_API_SECRET: SECRET,
    MESSAGING_SERVICE_URL: messaging.url,
    // Ten bench users hold all the sockets; the per-user socket cap is for real clients.
    RTM_MAX_SOCKETS_PER_USER: '100000',
    ...(SETUPS ? { RTM_SESSION_SETUPS_IN_FLIGHT: SETUPS } : {}),
  };
  const replicas = [await startApp('realtime-gateway', common), await startApp('realtime-gateway', common)];
  const lb = await loadBalancer(replicas.map((replica) => replica.port));
  const gateway = await startApp('api-gateway', {
    ...common,
    REALTIME_PUBLIC_URL: `ws://127.0.0.1:${lb.port}`,
    RTM_CONNECTS_PER_MINUTE: '0',
    API_REQUESTS_PER_MINUTE: '0',
  });
  const headers = { authorization: `Bearer ${boot.token}`, 'content-type': 'application/json' };
  const channel = (
    await (
      await fetch(`${gateway.url}/channels/`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'storm', members: users.map((u) => u.userID) }),
      })
    ).json()
  ).response;
  const clients = Array.from({ length: SOCKETS }, (_, i) => new StormClient(i, users[i % USERS].token, gateway.url));
  try {
    for (let i = 0; i < SOCKETS; i += 100)
      await Promise.all(clients.slice(i, i + 100).map((client) => client.connect()));
    for (const client of clients) client.statuses = {};
    await sleep(2000);

    const sent = [];
    let posting = true;
    const poster = (async () => {
      for (let i = 0; posting; i++) {
        const started = Date.now();
        const response = await fetch(`${gateway.url}/channels/${channel.channelID}/messages/`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ message: `storm ${i}` }),
        });
        await response.arrayBuffer();
        if (response.ok) sent.push(`storm ${i}`);
        await sleep(Math.max(0, 1000 / RATE - (Date.now() - started)));
      }
    })();
    await sleep(3000);
    // Which clients lose their socket: those whose connection the balancer gave to replica 0.
    const helloCounts = clients.map((client) => client.hellos.length);
    const killedAt = Date.now();
    replicas[0].child.kill('SIGKILL');
    const deadline = killedAt + 120_000;
    let affected = [];
    while (Date.now() < deadline) {
      await sleep(250);
      affected = clients.filter(
        (client, i) => client.socket.readyState !== WebSocket.OPEN || client.hellos.length > helloCounts[i],
      );
      if (
        Date.now() - killedAt > 3000 &&
        affected.every((client) => client.socket.readyState === WebSocket.OPEN && client.hellos.at(-1) > killedAt)
      )
        break;
    }
    const backAt = Math.max(...affected.map((client) => client.hellos.at(-1) ?? Infinity));
    await sleep(3000);
    posting = false;
    await poster;
    const settle = Date.now() + 30_000;
    while (Date.now() < settle && clients.some((client) => client.received.size < sent.length)) await sleep(250);

    const missed = clients.reduce((sum, client) => sum + sent.filter((text) => !client.received.has(text)).length, 0);
    const duplicates = clients.reduce((sum, client) => sum + client.duplicates, 0);
    const statuses = {};
    for (const client of clients)
      for (const [status, count] of Object.entries(client.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
    const result = {
      benchmark: 'storm',
      command: 'npm run bench:storm',
      machine: machine(),
      load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number),
      settings: {
        sockets: SOCKETS,
        replicas: 2,
        postsPerSecond: RATE,
        perUserLimits: 'off (10 users hold all sockets)',
        acceptsPerSecondPerReplica: 'default (200)',
        sessionSetupsInFlight: SETUPS ? Number(SETUPS) : 'default (32)',
      },
      storm: {
        socketsOnKilledReplica: affected.length,
        secondsUntilAllBack: +((backAt - killedAt) / 1000).toFixed(1),
        rtmConnectAnswersDuringStorm: statuses,
        messagesPosted: sent.length,
        expectedDeliveries: sent.length * SOCKETS,
        missed,
        duplicates,
      },
    };
    writeFileSync(path.join(ROOT, 'bench/results/storm.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    for (const client of clients) {
      client.stopped = true;
      client.socket?.terminate();
    }
    lb.server.close();
    await Promise.all([stopApp(gateway), ...replicas.map((replica) => stopApp(replica))]);
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
