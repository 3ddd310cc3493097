// Reference server for the fan-out baseline: socket.io with the Redis adapter (every node gets
// every broadcast), no persistence. Clients join rooms named in their handshake query;
// POST /publish {room, text} broadcasts to a room.
import http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

const port = Number(process.env.PORT);
const pub = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const sub = pub.duplicate();
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health/ready') return void res.writeHead(200).end('{}');
  if (req.method !== 'POST' || req.url !== '/publish') return void res.writeHead(404).end();
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const { room, text } = JSON.parse(body);
    io.to(room).emit('message', { room, text });
    res.writeHead(204).end();
  });
});
const io = new Server(server, {
  adapter: createAdapter(pub, sub, { key: `bench-sio-${process.env.BENCH_RUN ?? 'x'}` }),
  transports: ['websocket'],
});
io.on('connection', (socket) => {
  for (const room of String(socket.handshake.query.rooms ?? '')
    .split(',')
    .filter(Boolean))
    socket.join(room);
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
