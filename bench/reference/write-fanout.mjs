// Reference fan-out for bench:write: raw `ws`, rooms from the socket's query string, every message
// from one Redis pub/sub channel (write-server.mjs publishes there). No persistence, no replay.
import http from 'node:http';
import { Redis } from 'ioredis';
import { WebSocketServer } from 'ws';

const rooms = new Map();
const subscriber = new Redis(process.env.REDIS_URL);
subscriber.subscribe('bench:ref:messages');
subscriber.on('message', (_channel, raw) => {
  const { channel, text } = JSON.parse(raw);
  const frame = JSON.stringify({ type: 'message', channel, text });
  for (const socket of rooms.get(channel) ?? []) socket.send(frame);
});
const server = http.createServer((req, res) => res.writeHead(req.url === '/health/ready' ? 200 : 404).end('{}'));
new WebSocketServer({ server, perMessageDeflate: false }).on('connection', (socket, req) => {
  const joined = (new URL(req.url, 'http://x').searchParams.get('rooms') ?? '').split(',').filter(Boolean);
  for (const room of joined) {
    if (!rooms.has(room)) rooms.set(room, new Set());
    rooms.get(room).add(socket);
  }
  socket.on('close', () => joined.forEach((room) => rooms.get(room)?.delete(socket)));
  socket.send(JSON.stringify({ type: 'hello' }));
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
