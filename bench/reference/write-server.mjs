// Reference write path for bench:write — the ceiling, not a design to copy: one process, a cached
// token, one named prepared INSERT … SELECT … WHERE EXISTS (membership), then PUBLISH to Redis for
// the fan-out processes (write-fanout.mjs). No outbox, no event ids, no permission rules.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { Redis } from 'ioredis';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const redis = new Redis(process.env.REDIS_URL);
const tokens = new Map();
const INSERT = `INSERT INTO bench_ref_messages (channel_id, user_id, body) SELECT $1, $2, $3
                 WHERE EXISTS (SELECT 1 FROM channel_members WHERE channel_id = $1 AND user_id = $2) RETURNING id::text`;

async function userOf(token) {
  if (!tokens.has(token)) {
    const hash = createHash('sha256').update(token).digest('hex');
    const { rows } = await pool.query('SELECT user_id::text FROM api_tokens WHERE token_hash = $1', [hash]);
    tokens.set(token, rows[0]?.user_id ?? null);
  }
  return tokens.get(token);
}

const server = http.createServer((req, res) => {
  if (req.url === '/health/ready') return void res.writeHead(200).end('{}');
  const match = /^\/channels\/(\d+)\/messages\/?$/.exec(req.url ?? '');
  if (req.method !== 'POST' || !match) return void res.writeHead(404).end();
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', async () => {
    try {
      const user = await userOf((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!user) return void res.writeHead(401).end();
      const { message } = JSON.parse(body);
      const { rows } = await pool.query({ name: 'insert', text: INSERT, values: [match[1], user, message] });
      if (rows.length === 0) return void res.writeHead(403).end();
      await redis.publish('bench:ref:messages', JSON.stringify({ channel: match[1], text: message }));
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ response: { messageID: rows[0].id } }));
    } catch {
      res.writeHead(500).end();
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
