import type { OutboxRow } from './outbox-cursor.store';

type Receiver = (rows: OutboxRow[]) => void;

/**
 * The short way from a writer to the relay in the same process. While this process's relay leads,
 * the post batch statement skips its NOTIFY and hands the outbox rows it committed straight to the
 * relay, which publishes them without reading them back: a post's way to the subscribers loses the
 * NOTIFY, the relay's wake-up and its read. Rows that cannot follow the relay's position at once (an
 * event of another writer came between) only make the relay read as usual. Rows whose hand-over is
 * lost (leadership moved between the statement and its answer, the answer never came) are found by
 * the leader's next poll or its take-over read: later, never lost.
 */
export class OutboxHandoff {
  private receiver: Receiver | null = null;

  /** Whether a writer may skip NOTIFY and hand its rows over: this process's relay leads. */
  get relayLeads(): boolean {
    return this.receiver !== null;
  }

  attach(receiver: Receiver): void {
    this.receiver = receiver;
  }

  detach(): void {
    this.receiver = null;
  }

  /** Committed rows of one organisation, in event order. */
  offer(rows: OutboxRow[]): void {
    if (rows.length > 0) this.receiver?.(rows);
  }
}
