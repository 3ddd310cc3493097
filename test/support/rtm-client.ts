import WebSocket from 'ws';
import { httpRequest } from './http';

export type Frame = Record<string, unknown> & { type?: string };

/** A minimal RTM client for tests: records every frame and waits for the ones a test expects. */
export class RtmTestClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private listeners: (() => void)[] = [];
  private nextId = 1;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      this.listeners.forEach((listener) => listener());
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  /** Calls rtm.connect on the api-gateway, then opens the socket on `replicaPort` (any replica redeems the ticket). */
  static async connect(
    apiUrl: string,
    token: string,
    replicaPort?: number,
    resumeFrom?: string,
  ): Promise<RtmTestClient> {
    const url = await RtmTestClient.ticketUrl(apiUrl, token, replicaPort, resumeFrom);
    const client = await RtmTestClient.open(url);
    await client.waitFor((frame) => frame.type === 'hello');
    return client;
  }

  static async ticketUrl(apiUrl: string, token: string, replicaPort?: number, resumeFrom?: string): Promise<string> {
    const response = await httpRequest(`${apiUrl}/api/rtm.connect${resumeFrom ? `?resume_from=${resumeFrom}` : ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const body = JSON.parse(response.text) as { ok: boolean; url: string; error?: string };
    if (!body.ok) throw new Error(`rtm.connect failed: ${body.error}`);
    const url = new URL(body.url);
    if (replicaPort) url.port = String(replicaPort);
    return url.toString();
  }

  static open(url: string): Promise<RtmTestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      const client = new RtmTestClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  ofType(type: string, subtype?: string): Frame[] {
    return this.frames.filter((frame) => frame.type === type && (subtype === undefined || frame.subtype === subtype));
  }

  waitFor(predicate: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    return this.waitUntil(() => this.frames.find(predicate), timeoutMs, 'frame');
  }

  waitUntil<T>(check: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value) {
          done();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(`timed out waiting for ${what}; frames so far: ${JSON.stringify(this.frames).slice(0, 2000)}`),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((listener) => listener !== attempt);
      };
      this.listeners.push(attempt);
      attempt();
    });
  }

  /** Sends a frame with a fresh id and resolves with the reply that carries it. */
  async request(frame: Frame): Promise<Frame> {
    const id = ++this.nextId;
    this.socket.send(JSON.stringify({ ...frame, id }));
    return this.waitFor((reply) => reply.reply_to === id);
  }

  send(frame: Frame | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  close(): void {
    this.socket.close();
  }
}
