import type { WebSocket } from 'ws';
import type { AnyDomainEvent } from '@switchboard/contracts';
import { TokenBucket } from './token-bucket';

/** Recent event keys kept per connection to drop an event that arrives twice (via its conversation and its user channel). */
const SEEN_CAPACITY = 32;
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

let sequence = 0;

/** The two option sets, shared by every socket instead of an object each. */
const BATCHED: ConnectionOptions = Object.freeze({ batchPresenceAware: true });
const SINGLE: ConnectionOptions = Object.freeze({ batchPresenceAware: false });

/**
 * One copy of each user, organisation, resume key and start id for all the sockets that name it:
 * every ticket is parsed into fresh strings, and a bot fleet holds thousands of sockets per user.
 */
const shared = new Map<string, string>();
function intern(value: string): string {
  const known = shared.get(value);
  if (known !== undefined) return known;
  if (shared.size >= 100_000) shared.clear();
  shared.set(value, value);
  return value;
}

/**
 * One RTM socket: who it is, what it follows, what it was already given, and its write budget.
 * Idle sockets are the common case (bot fleets), so everything a socket may never need — write
 * budgets, typing times, presence subscriptions, the recent-event ring — is created on first use.
 */
export class RtmConnection {
  /** Unique across replicas: the replica's random id and a counter (a presence connection id). */
  readonly id: string;
  readonly conversations = new Set<string>();
  readonly openedAt = Date.now();
  /** Slot in the replica's timer wheel (pings and maximum age). */
  slot = -1;
  alive = true;
  /** The newest organisation event id this socket was given or passed over (where a later socket of the same client resumes). */
  lastEventId: string;
  /** Where this credential and client keep their resume point (`rtmResumeKey`), if the ticket named one. */
  private resume: string | undefined;
  private presence: Set<string> | undefined;
  private seen: string[] | undefined;
  private seenNext = 0;
  private messageBudget: TokenBucket | undefined;
  private otherBudget: TokenBucket | undefined;
  private refusals = 0;
  private typingAt: Map<string, number> | undefined;
  /** While set, live events wait here so a replay can go first (order is kept, duplicates dropped). */
  held: AnyDomainEvent[] | null = null;

  readonly userId: string;
  readonly organisationId: string;
  readonly options: ConnectionOptions;

  constructor(
    readonly socket: WebSocket,
    userId: string,
    organisationId: string,
    options: ConnectionOptions,
    replicaId: string,
    startEventId: string,
  ) {
    this.id = `${replicaId}:${(++sequence).toString(36)}`;
    this.userId = intern(userId);
    this.organisationId = intern(organisationId);
    this.options = options.batchPresenceAware ? BATCHED : SINGLE;
    this.lastEventId = intern(startEventId);
  }

  get resumeKey(): string | undefined {
    return this.resume;
  }

  set resumeKey(key: string | undefined) {
    this.resume = key === undefined ? undefined : intern(key);
  }

  get presenceSubscriptions(): Set<string> {
    return (this.presence ??= new Set());
  }

  isMemberOf(channelId: string): boolean {
    return this.conversations.has(channelId);
  }

  /** True the first time an event reaches this connection (it may arrive via several channels). */
  firstSight(eventKey: string): boolean {
    const seen = (this.seen ??= []);
    if (seen.includes(eventKey)) return false;
    seen[this.seenNext] = eventKey;
    this.seenNext = (this.seenNext + 1) % SEEN_CAPACITY;
    return true;
  }

  /** Records that the socket has everything of its organisation up to `eventId` that was for it. */
  passed(eventId: string): void {
    if (isLater(eventId, this.lastEventId)) this.lastEventId = eventId;
  }

  /** Write budget for client frames; `message` frames get Slack's one per second. */
  mayWrite(type: string, now = Date.now()): 'ok' | 'refused' | 'close' {
    const budget =
      type === 'message'
        ? (this.messageBudget ??= new TokenBucket(MESSAGES_BURST, MESSAGES_PER_SECOND, now))
        : (this.otherBudget ??= new TokenBucket(20, 5, now));
    if (budget.take(now)) {
      this.refusals = 0;
      return 'ok';
    }
    this.refusals++;
    return this.refusals > MAX_REFUSALS ? 'close' : 'refused';
  }

  /** Typing notices go out at most every three seconds per channel. */
  mayAnnounceTyping(channelId: string, now = Date.now()): boolean {
    const typingAt = (this.typingAt ??= new Map());
    const last = typingAt.get(channelId) ?? 0;
    if (now - last < 3000) return false;
    typingAt.set(channelId, now);
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

/** Event ids are decimal strings of up to 19 digits: compare by length, then text. */
export function isLater(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}
