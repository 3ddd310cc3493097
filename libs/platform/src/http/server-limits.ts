import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { type DialectName, DomainError, ErrorCode, renderError } from '@switchboard/contracts';

export interface ServerLimits {
  /** Whole request headers must arrive within this (slowloris: headers trickled a byte at a time). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** The dialect of the path the request line named (when Node read that far); else the refusal is Corteza-style. */
  dialectOfPath?: (path: string) => DialectName;
}

/** Method and path of the request line at the start of what Node had buffered, if it is there. */
function requestLine(raw: unknown): { method?: string; path?: string } {
  if (!Buffer.isBuffer(raw)) return {};
  const match = /^([A-Z]{3,10}) (\/[^ ?]*)/.exec(raw.subarray(0, 2048).toString('latin1'));
  return match ? { method: match[1], path: match[2] } : {};
}

const REASON: Record<string, [ErrorCode, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    ErrorCode.HeadersTooLarge,
    'Request Header Fields Too Large',
    'The request line or headers are too large',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [ErrorCode.RequestTimeout, 'Request Timeout', 'The request did not arrive in time'],
};

/**
 * Timeouts against slow requests, and an answer instead of a reset for requests Node's parser
 * refuses (headers or URL over the header limit, malformed HTTP, too slow): Node's default writes a
 * bare status line and destroys the socket at once, so a client still sending its request sees
 * ECONNRESET rather than the answer. Here the answer is a JSON error (in the path's dialect, but
 * always with the refusal's own HTTP status: the connection closes after it), the connection is
 * half-closed, and what the client still sends is read and dropped until it finishes (or 5 s pass).
 */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  // Read when the server starts listening; Node's default (30 s) would let a slow request outlive its timeout by that much.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    1000,
    limits.headersTimeoutMs,
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A keep-alive connection has written earlier answers; only an answer still in progress makes one impossible.
    const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    if (!socket.writable || answering?.headersSent) {
      socket.destroy();
      return;
    }
    const [code, reason, message] = REASON[error.code ?? ''] ?? [
      ErrorCode.BadRequest,
      'Bad Request',
      'Malformed HTTP request',
    ];
    const refusal = new DomainError(code, message);
    const { method, path } = requestLine((error as { rawPacket?: unknown }).rawPacket);
    const rendered = renderError((path !== undefined && limits.dialectOfPath?.(path)) || 'corteza', refusal);
    const body = JSON.stringify(rendered.body);
    const headers = Object.entries(rendered.headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.on('error', () => socket.destroy());
    socket.end(
      `HTTP/1.1 ${refusal.status} ${reason}\r\nContent-Type: application/json\r\n${headers.join('')}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${method === 'HEAD' ? '' : body}`,
    );
    socket.resume();
    setTimeout(() => socket.destroy(), 5000).unref();
  });
}
