import type { HubMessage } from '../hub/event-hub';
import type { PollParams } from './poll-params';
import type { FollowSet, QueuePosition, QueueSpec, ZulipEvent } from './queue-spec';

/** Why a waiting poll ends without events of its own. */
export type PollEnd = 'superseded' | 'heartbeat' | 'closed';

/** Whoever keeps a poll waiting (the event queue service) and hears what happens to it. */
export interface PollHost {
  heard(poll: ZulipPoll, message: HubMessage): void;
  ended(poll: ZulipPoll, reason: PollEnd): void;
}

/**
 * One `GET /api/v1/events` poll, from its parameters to its answer. A blocking poll with nothing to
 * return waits as this object alone: the queue waker, the heartbeat wheel and the client's `close`
 * reach it, and it holds its queue's (shared) spec and position — no suspended async frames, no
 * closures per poll. Each route answers on its own kind of response (`answer`, `fail`).
 */
export abstract class ZulipPoll {
  spec: QueueSpec | null = null;
  /** This poll's generation of its queue: a newer one on the poll channel supersedes it. */
  generation = 0;
  /** The queue's position as this poll last saved it; null when another poll moved it meanwhile. */
  known: QueuePosition | null = null;
  /** The follow set as of the cursor, which wake-ups are filtered with. */
  follow: FollowSet | null = null;
  /** The follow set whose channels are watched. */
  watched: FollowSet | null = null;
  /** Set while the poll waits. */
  host: PollHost | null = null;
  ended: PollEnd | null = null;
  woken = false;
  /** A read of the queue is under way: wake-ups are noted, and that read looks at them when it ends. */
  reading = false;
  /** The heartbeat wheel's bucket holding this poll. */
  dueTick = 0;

  queueId = '';
  lastEventId: string | undefined = undefined;
  dontBlock = false;

  /** What the client asked for (set before the poll starts). */
  ask(params: PollParams): this {
    this.queueId = params.queueId;
    this.lastEventId = params.lastEventId;
    this.dontBlock = params.dontBlock;
    return this;
  }

  /** Sends the events; called once, unless `fail` is. */
  abstract answer(events: ZulipEvent[]): void;
  abstract fail(error: unknown): void;
  /** From now on, calls `clientGone()` when the client goes away before the answer. */
  abstract watchClient(): void;

  /** A message on a channel the poll watches. */
  hear(message: HubMessage): void {
    this.host?.heard(this, message);
  }

  heartbeat(): void {
    this.host?.ended(this, 'heartbeat');
  }

  protected clientGone(): void {
    this.host?.ended(this, 'closed');
  }
}
