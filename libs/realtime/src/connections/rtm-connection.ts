import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';

const SEEN_CAPACITY = 512;
/** A socket whose unsent data grows past this is a slow consumer and is dropped. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** One RTM socket: who it is, which conversations it follows, and the events it was already given. */
export class RtmConnection {
  readonly id = randomUUID();
  readonly conversations = new Set<string>();
  readonly openedAt = Date.now();
  private readonly seen = new Set<string>();
  private readonly seenOrder: string[] = [];

  constructor(
    readonly socket: WebSocket,
    readonly userId: string,
    readonly organisationId: string,
  ) {}

  isMemberOf(channelId: string): boolean {
    return this.conversations.has(channelId);
  }

  /** True the first time an event reaches this connection (it may arrive via several channels). */
  firstSight(eventKey: string): boolean {
    if (this.seen.has(eventKey)) return false;
    this.seen.add(eventKey);
    this.seenOrder.push(eventKey);
    if (this.seenOrder.length > SEEN_CAPACITY) this.seen.delete(this.seenOrder.shift()!);
    return true;
  }

  send(json: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.close(1008, 'slow consumer: too much unsent data');
      return;
    }
    this.socket.send(json);
  }

  sendFrame(frame: object): void {
    this.send(JSON.stringify(frame));
  }
}
