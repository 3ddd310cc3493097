#!/usr/bin/env node
// `npm start`: finds PostgreSQL and Redis at their default URLs (or starts them, see
// scripts/start/dev-services.js), builds if needed, applies migrations (creating the database if
// missing), then runs all four apps as separate processes and says where they answer. Ctrl-C stops
// everything it started. Explicit DATABASE_URL / REDIS_URL are used as given.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const { ensurePostgres, ensureRedis } = require('./start/dev-services');

const root = path.resolve(__dirname, '..');
const node = process.execPath;
const say = (line) => process.stderr.write(`switchboard: ${line}\n`);

// The defaults the apps use; START_DEFAULT_* only exist so the first-start path can be tried without stopping a running server.
const DEFAULT_DATABASE_URL = process.env.START_DEFAULT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/switchboard';
const DEFAULT_REDIS_URL = process.env.START_DEFAULT_REDIS_URL ?? 'redis://127.0.0.1:6379';
// START_PORT_BASE moves the four apps to base, base+1, base+2, base+3 (gateway, realtime, messaging, dispatcher).
const base = Number(process.env.START_PORT_BASE ?? 3000);
const ports = {
  'api-gateway': base,
  'realtime-gateway': base + 1,
  'messaging-service': base + 2,
  'webhook-dispatcher': base + 3,
};

const services = [];
const children = new Map();
let stopping = false;

function runOrExit(args, env) {
  const result = spawnSync(node, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env });
  if (result.status !== 0) return stop(result.status ?? 1);
}

async function main() {
  // Redis first: when it cannot be had, say so before starting anything.
  const redis = await ensureRedis(process.env.REDIS_URL ?? DEFAULT_REDIS_URL, process.env.REDIS_URL === undefined);
  services.push(redis);
  say(
    redis.started
      ? `Redis started (redis-server, data in ${path.relative(root, redis.where)}/) at ${redact(redis.url)}`
      : `Redis at ${redact(redis.url)}`,
  );
  const postgres = await ensurePostgres(
    process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    process.env.DATABASE_URL === undefined,
  );
  services.push(postgres);
  say(
    postgres.started
      ? `PostgreSQL started (embedded, data in ${path.relative(root, postgres.where)}/) at ${redact(postgres.url)}`
      : `PostgreSQL at ${redact(postgres.url)}`,
  );

  const env = {
    ...process.env,
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...(process.env.START_PORT_BASE
      ? {
          MESSAGING_SERVICE_URL: `http://127.0.0.1:${ports['messaging-service']}`,
          REALTIME_PUBLIC_URL: `ws://127.0.0.1:${ports['realtime-gateway']}`,
          REALTIME_SERVICE_URL: `http://127.0.0.1:${ports['realtime-gateway']}`,
        }
      : {}),
  };
  runOrExit([path.join(root, 'scripts/ensure-built.js')], env);
  if (stopping) return;
  runOrExit([path.join(root, 'dist/apps/messaging-service/cli.js'), 'migrate'], env);
  if (stopping) return;
  say('database migrated');

  // messaging-service first: the others check it in their readiness probes.
  for (const app of ['messaging-service', 'api-gateway', 'realtime-gateway', 'webhook-dispatcher']) {
    const child = spawn(node, [path.join(root, 'dist/apps', app, 'main.js')], {
      cwd: root,
      stdio: 'inherit',
      env: { ...env, PORT: String(ports[app]) },
    });
    children.set(app, child);
    child.on('exit', (code, signal) => {
      children.delete(app);
      if (!stopping) {
        say(`${app} exited (${signal ?? code}); stopping the others`);
        stop(1);
      } else if (children.size === 0) void finish();
    });
  }
  await waitReady();
  if (stopping) return;
  const rest = `http://127.0.0.1:${ports['api-gateway']}`;
  say(
    `ready: REST and the Slack/Zulip APIs on ${rest} (API docs ${rest}/docs), RTM sockets on ws://127.0.0.1:${ports['realtime-gateway']}`,
  );
  const database =
    postgres.url === 'postgres://postgres@127.0.0.1:5432/switchboard' ? '' : `DATABASE_URL='${postgres.url}' `;
  say(
    `create the first organisation and its admin's token: ${database}npm run -s admin -- bootstrap --org "Acme" --email you@example.com --name "Your Name"`,
  );
  say(
    `Ctrl-C stops everything${services.some((s) => s.started) ? ' (the PostgreSQL/Redis it started, too)' : ''}; LOG_LEVEL=info or debug shows the apps' logs`,
  );
}

async function waitReady() {
  const deadline = Date.now() + 60_000;
  for (const app of Object.keys(ports)) {
    while (!stopping && Date.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${ports[app]}/health/ready`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function redact(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) child.kill('SIGTERM');
  if (children.size === 0) void finish();
}

async function finish() {
  for (const service of services.reverse()) await service.stop().catch(() => undefined);
  process.exit(process.exitCode ?? 0);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
main().catch((error) => {
  say(error instanceof Error ? error.message : String(error));
  stop(1);
});
