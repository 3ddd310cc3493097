// Reference server for the physical ceiling: one process, raw `ws`, rooms in memory, no Redis,
// no persistence. POST /publish {room, text} writes the frame to each member socket.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const rooms = new Map();
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health/ready') return void res.writeHead(200).end('{}');
  if (req.method !== 'POST' || req.url !== '/publish') return void res.writeHead(404).end();
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const { room, text } = JSON.parse(body);
    const frame = JSON.stringify({ room, text });
    for (const socket of rooms.get(room) ?? []) socket.send(frame);
    res.writeHead(204).end();
  });
});
new WebSocketServer({ server }).on('connection', (socket, req) => {
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
