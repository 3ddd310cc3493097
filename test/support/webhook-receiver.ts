import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'hang';
/** Decides the answer to the n-th request (1-based) on a path. */
export type Responder = (request: ReceivedRequest, n: number) => Answer;

/** A real HTTP receiver on loopback for outgoing webhooks: records every request, answers as told. */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly responders = new Map<string, Responder>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly inFlight = new Map<string, number>();
  /** The most requests a path had open at once. */
  readonly maxInFlight = new Map<string, number>();
  private server: Server | null = null;
  port = 0;

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server = createServer((req, res) => receiver.handle(req, res));
    receiver.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => receiver.server!.listen(0, '127.0.0.1', resolve));
    receiver.port = (receiver.server.address() as AddressInfo).port;
    return receiver;
  }

  url(path: string, host = '127.0.0.1'): string {
    return `http://${host}:${this.port}${path}`;
  }

  on(path: string, responder: Responder): void {
    this.responders.set(path, responder);
  }

  at(path: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** Ends requests left hanging (their sockets are closed, as by a dead peer). */
  releaseHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  async stop(): Promise<void> {
    this.releaseHanging();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    const open = (this.inFlight.get(path) ?? 0) + 1;
    this.inFlight.set(path, open);
    this.maxInFlight.set(path, Math.max(open, this.maxInFlight.get(path) ?? 0));
    res.on('close', () => this.inFlight.set(path, (this.inFlight.get(path) ?? 1) - 1));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(request);
      const responder: Responder = this.responders.get(request.path) ?? (() => ({ status: 204 }));
      const answer = responder(request, this.at(request.path).length);
      if (answer === 'hang') {
        this.hanging.add(res);
        return;
      }
      res.writeHead(answer.status, answer.headers ?? (answer.body ? { 'content-type': 'application/json' } : {}));
      res.end(answer.body ?? '');
    });
  }
}

/** Polls until `check` returns something truthy; for conditions that no event announces. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
