import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { AnyDomainEvent } from '@switchboard/contracts';
import { TokenBucket } from './token-bucket';

const SEEN_CAPACITY = 2048;
/** A socket whose unsent data grows past this is a slow consumer and is dropped. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Slack allows about one message per second sustained; a short burst is fine. */
const MESSAGES_BURST = 5;
const MESSAGES_PER_SECOND = 1;
/** After this many refused frames in a row the client is not listening: close. */
const MAX_REFUSALS = 10;

export interface ConnectionOptions {
  batchPresenceAware: boolean;
}

/** One RTM socket: who it is, what it follows, what it was already given, and its write budget. */
export class RtmConnection {
  readonly id = randomUUID();
  readonly conversations = new Set<string>();
  readonly presenceSubscriptions = new Set<string>();
  readonly openedAt = Date.now();
  private readonly seen = new Set<string>();
  private readonly seenOrder: string[] = [];
  private readonly messageBudget = new TokenBucket(MESSAGES_BURST, MESSAGES_PER_SECOND, Date.now());
  private readonly otherBudget = new TokenBucket(20, 5, Date.now());
  private refusals = 0;
  private readonly typingAt = new Map<string, number>();
  /** While set, live events wait here so a replay can go first (order is kept, duplicates dropped). */
  held: AnyDomainEvent[] | null = null;

  constructor(
    readonly socket: WebSocket,
    readonly userId: string,
    readonly organisationId: string,
    readonly options: ConnectionOptions,
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

  /** Write budget for client frames; `message` frames get Slack's one per second. */
  mayWrite(type: string, now = Date.now()): 'ok' | 'refused' | 'close' {
    const allowed = (type === 'message' ? this.messageBudget : this.otherBudget).take(now);
    if (allowed) {
      this.refusals = 0;
      return 'ok';
    }
    this.refusals++;
    return this.refusals > MAX_REFUSALS ? 'close' : 'refused';
  }

  /** Typing notices go out at most every three seconds per channel. */
  mayAnnounceTyping(channelId: string, now = Date.now()): boolean {
    const last = this.typingAt.get(channelId) ?? 0;
    if (now - last < 3000) return false;
    this.typingAt.set(channelId, now);
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
