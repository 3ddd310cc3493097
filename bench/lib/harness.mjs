// Shared by the bench scripts: start the built apps on loopback against a dedicated database,
// create users through the admin CLI, and summarise latency samples. Bounded and self-stopping.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name) {
  return process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${name}`;
}

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const DIST = path.join(ROOT, 'dist/apps');

export function cli(dbUrl, ...args) {
  return cliOf(DIST, dbUrl, ...args);
}

/** The admin CLI of a given build (dist/apps of this or another checkout). */
export function cliOf(dist, dbUrl, ...args) {
  const result = spawnSync(process.execPath, [path.join(dist, 'messaging-service/cli.js'), ...args], {
    env: { PATH: process.env.PATH, DATABASE_URL: dbUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

export async function startApp(name, env, dist = DIST, nodeArgs = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, path.join(dist, name, 'main.js')], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const live = await (await fetch(`${url}/health/live`)).json();
      if (live.pid === child.pid && (await fetch(`${url}/health/ready`)).ok)
        return { name, port, url, child, pid: child.pid };
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not start`);
}

/**
 * messaging-service, `replicaCount` realtime replicas and api-gateway with every rate limit off, as
 * the load benches run them; `dist` and `nodeArgs` as for startApp. Each app gets its `name` for reports.
 */
export async function startSwitchboard({
  databaseUrl,
  secret,
  replicaCount,
  messagingEnv = {},
  dist = DIST,
  nodeArgs = [],
}) {
  const env = { REDIS_URL, INTERNAL_API_SECRET: secret };
  const messaging = await startApp(
    'messaging-service',
    { ...env, DATABASE_URL: databaseUrl, ...messagingEnv },
    dist,
    nodeArgs,
  );
  const internal = { ...env, MESSAGING_SERVICE_URL: messaging.url };
  const replicas = [];
  for (let i = 0; i < replicaCount; i++)
    replicas.push({ ...(await startApp('realtime-gateway', internal, dist, nodeArgs)), name: `realtime-${i + 1}` });
  const gateway = await startApp(
    'api-gateway',
    {
      ...internal,
      REALTIME_PUBLIC_URL: `ws://127.0.0.1:${replicas[0].port}`,
      RTM_CONNECTS_PER_MINUTE: '0',
      RTM_ACCEPTS_PER_SECOND: '0',
      API_REQUESTS_PER_MINUTE: '0',
      REQUESTS_PER_TOKEN_PER_MINUTE: '0',
      REQUESTS_PER_IP_PER_MINUTE: '0',
    },
    dist,
    nodeArgs,
  );
  return { messaging, replicas, gateway };
}

/** Stops what startSwitchboard started, messaging-service last. */
export async function stopSwitchboard({ messaging, replicas, gateway }) {
  await Promise.all([stopApp(gateway), ...replicas.map(stopApp)]);
  await stopApp(messaging);
}

export function stopApp(app) {
  return new Promise((resolve) => {
    // A child killed by a signal has a signalCode and no exitCode.
    if (app.child.exitCode !== null || app.child.signalCode !== null) return resolve();
    const stubborn = setTimeout(() => app.child.kill('SIGKILL'), 10_000);
    app.child.once('exit', () => {
      clearTimeout(stubborn);
      resolve();
    });
    app.child.kill('SIGTERM');
  });
}

/** Resident memory of a process in bytes (Linux). */
export function rssBytes(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** CPU seconds (user + system) a process has used so far (Linux). */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);
  const round = (value) => (value === null ? null : Math.round(value * 100) / 100);
  return { count: sorted.length, p50: round(at(50)), p99: round(at(99)), max: round(sorted.at(-1) ?? null) };
}

export function machine() {
  const cpus = (readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm) ?? []).length;
  const model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  return { cpus, model, node: process.version, date: new Date().toISOString() };
}

export async function dropDatabase(dbUrl) {
  const url = new URL(dbUrl);
  const name = url.pathname.slice(1);
  spawnSync(
    'psql',
    [
      '-h',
      url.hostname,
      '-p',
      url.port || '5432',
      '-U',
      url.username || 'postgres',
      '-d',
      'postgres',
      '-c',
      `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
    ],
    { stdio: 'ignore' },
  );
}
