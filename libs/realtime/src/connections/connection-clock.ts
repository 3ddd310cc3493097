import type { RtmConnection } from './rtm-connection';

/** Every socket is visited once per this many ticks (one tick a second): a ping, and its age checked. */
export const CLOCK_SLOTS = 30;
const TICK_MS = 1000;

export interface ClockHandlers {
  /** The socket did not answer the previous ping: its peer is gone. */
  dead(connection: RtmConnection): void;
  ping(connection: RtmConnection): void;
  /** The socket reached the maximum age. */
  expired(connection: RtmConnection): void;
}

/**
 * One timer for every socket of the replica instead of a ping interval and an age timeout per
 * socket: a wheel of CLOCK_SLOTS sets, one visited per second. Each socket is pinged every
 * CLOCK_SLOTS seconds and closed at its maximum age within that same precision.
 */
export class ConnectionClock {
  private readonly slots: Set<RtmConnection>[] = Array.from({ length: CLOCK_SLOTS }, () => new Set());
  private next = 0;
  private tick = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly maxAgeMs: number,
    private readonly handlers: ClockHandlers,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.advance(Date.now()), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  add(connection: RtmConnection): void {
    connection.slot = this.next;
    this.next = (this.next + 1) % CLOCK_SLOTS;
    this.slots[connection.slot].add(connection);
  }

  remove(connection: RtmConnection): void {
    if (connection.slot >= 0) this.slots[connection.slot].delete(connection);
    connection.slot = -1;
  }

  /** Visits one slot; exposed for tests, which pass the time. */
  advance(now: number): void {
    const slot = this.slots[this.tick];
    this.tick = (this.tick + 1) % CLOCK_SLOTS;
    for (const connection of slot) {
      if (now - connection.openedAt >= this.maxAgeMs) {
        this.remove(connection);
        this.handlers.expired(connection);
      } else if (!connection.alive) {
        this.remove(connection);
        this.handlers.dead(connection);
      } else {
        connection.alive = false;
        this.handlers.ping(connection);
      }
    }
  }
}
