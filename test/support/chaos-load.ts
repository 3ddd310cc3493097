import WebSocket from 'ws';
import { type WireResult, wireRequest } from './hostile';
import { RtmTestClient } from './rtm-client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Acked {
  text: string;
  at: number;
  hook: boolean;
}

/** Posts over REST, one after another, and records what was acknowledged and what clients saw go wrong. */
export class Poster {
  readonly acked: Acked[] = [];
  readonly statuses = new Map<string, number>();
  stopped = false;
  private n = 0;

  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
    private readonly channelId: string,
  ) {}

  async run(prefix: string, intervalMs: number, hookEvery: number): Promise<void> {
    while (!this.stopped) {
      const n = ++this.n;
      const hook = hookEvery > 0 && n % hookEvery === 0;
      const text = `${hook ? '!hook ' : ''}${prefix}-${n}`;
      const started = Date.now();
      const result = await wireRequest(
        this.apiUrl,
        'POST',
        `/channels/${this.channelId}/messages/`,
        { authorization: `Bearer ${this.token}` },
        { contentType: 'application/json', text: JSON.stringify({ message: text }) },
        10_000,
      );
      this.tally(result);
      if (result.kind === 'answered' && result.status === 200) this.acked.push({ text, at: Date.now(), hook });
      await sleep(Math.max(0, intervalMs - (Date.now() - started)));
    }
  }

  private tally(result: WireResult): void {
    const key =
      result.kind === 'dropped'
        ? result.error === 'timeout'
          ? 'hang'
          : 'dropped'
        : result.status === 503 && !result.headers['retry-after']
          ? '503 without Retry-After'
          : String(result.status);
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }
}

/** An RTM client that reconnects when its socket ends, resuming from the last event id it saw. */
export class RtmFollower {
  readonly texts: string[] = [];
  /** When each text first arrived. */
  readonly receivedAt = new Map<string, number>();
  resumeFailed = false;
  reconnects = 0;
  private lastEventId: string | undefined;
  private socket: WebSocket | null = null;
  private stopped = false;

  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
    private readonly marker: string,
  ) {}

  async start(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.open();
        return;
      } catch {
        await sleep(300);
      }
    }
  }

  private async open(): Promise<void> {
    const url = await RtmTestClient.ticketUrl(this.apiUrl, this.token, undefined, this.lastEventId);
    const socket = new WebSocket(url, { perMessageDeflate: false });
    this.socket = socket;
    // Listen before waiting for hello: replayed frames can arrive in the same chunk and be emitted in the same tick.
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as {
        type?: string;
        subtype?: string;
        text?: string;
        sb_event_id?: string;
      };
      if (frame.sb_event_id) this.lastEventId = frame.sb_event_id;
      if (frame.type === 'resume_failed') this.resumeFailed = true;
      if (
        frame.type === 'message' &&
        frame.subtype === undefined &&
        typeof frame.text === 'string' &&
        frame.text.includes(this.marker)
      ) {
        this.texts.push(frame.text);
        if (!this.receivedAt.has(frame.text)) this.receivedAt.set(frame.text, Date.now());
      }
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('message', () => resolve());
      socket.once('error', reject);
      socket.once('close', () => reject(new Error('closed before hello')));
    });
    socket.on('error', () => undefined);
    socket.once('close', () => {
      if (this.stopped) return;
      this.reconnects++;
      void sleep(200).then(() => this.start());
    });
  }

  stop(): void {
    this.stopped = true;
    this.socket?.terminate();
  }
}

/** A Zulip event-queue client: long-polls, and registers anew after BAD_EVENT_QUEUE_ID (the documented recovery). */
export class ZulipFollower {
  readonly texts: string[] = [];
  badQueue = false;
  private stopped = false;
  private readonly auth: string;

  constructor(
    private readonly apiUrl: string,
    email: string,
    key: string,
    private readonly marker: string,
  ) {
    this.auth = `Basic ${Buffer.from(`${email}:${key}`).toString('base64')}`;
  }

  async run(): Promise<void> {
    let queue: { id: string; last: number } | null = null;
    while (!this.stopped) {
      if (!queue) {
        const registered = await this.call(
          'POST',
          '/api/v1/register',
          'event_types=%5B%22message%22%5D&apply_markdown=false',
        );
        queue =
          registered?.result === 'success'
            ? { id: registered.queue_id as string, last: registered.last_event_id as number }
            : null;
        if (!queue) await sleep(300);
        continue;
      }
      const polled = await this.call(
        'GET',
        `/api/v1/events?queue_id=${encodeURIComponent(queue.id)}&last_event_id=${queue.last}`,
      );
      if (polled?.result === 'success') {
        for (const event of polled.events as { id: number; type: string; message?: { content: string } }[]) {
          queue.last = Math.max(queue.last, event.id);
          if (event.type === 'message' && event.message?.content.includes(this.marker))
            this.texts.push(event.message.content);
        }
      } else if (polled?.code === 'BAD_EVENT_QUEUE_ID') {
        this.badQueue = true;
        queue = null;
      } else {
        await sleep(300);
      }
    }
  }

  private async call(method: string, path: string, form?: string): Promise<Record<string, unknown> | null> {
    const result = await wireRequest(
      this.apiUrl,
      method,
      path,
      { authorization: this.auth },
      form ? { contentType: 'application/x-www-form-urlencoded', text: form } : undefined,
      15_000,
    );
    if (result.kind !== 'answered') return null;
    try {
      return JSON.parse(result.text) as Record<string, unknown>;
    } catch {
      return null;
    }
  }

  stop(): void {
    this.stopped = true;
  }
}

/** Acknowledged texts a client missed, received more than once, or received out of commit order. */
export function deliveryFaults(
  acked: Acked[],
  received: string[],
): { missing: number; duplicated: number; outOfOrder: number } {
  const counts = new Map<string, number>();
  for (const text of received) counts.set(text, (counts.get(text) ?? 0) + 1);
  let missing = 0;
  let duplicated = 0;
  for (const { text } of acked) {
    const count = counts.get(text) ?? 0;
    if (count === 0) missing++;
    if (count > 1) duplicated++;
  }
  const order = new Map(acked.map(({ text }, index) => [text, index]));
  let outOfOrder = 0;
  let previous = -1;
  for (const text of received) {
    const index = order.get(text);
    if (index === undefined) continue;
    if (index < previous) outOfOrder++;
    previous = Math.max(previous, index);
  }
  return { missing, duplicated, outOfOrder };
}
