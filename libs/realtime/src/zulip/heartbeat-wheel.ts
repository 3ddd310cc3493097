/** Something with a heartbeat deadline, as a HeartbeatWheel keeps it. */
export interface HeartbeatDue {
  /** Which bucket holds it (set by the wheel). */
  dueTick: number;
  heartbeat(): void;
}

const TICK_MS = 100;

/**
 * Heartbeat deadlines of waiting polls in 100 ms buckets, one Node timer per bucket instead of a
 * `Timeout` and a closure per poll: thousands of polls parked together share a few dozen timers.
 * A heartbeat comes at most 100 ms after its deadline. A bucket's timer is cleared when its last
 * poll leaves early, so nothing keeps the process up after the polls ended.
 */
export class HeartbeatWheel<T extends HeartbeatDue> {
  private readonly buckets = new Map<number, { polls: Set<T>; timer: NodeJS.Timeout }>();

  /** Calls `due.heartbeat()` `delayMs` from now (within a tick), unless removed before. */
  add(due: T, delayMs: number): void {
    // performance.now() counts from process start, so ticks stay small integers.
    const tick = Math.ceil((performance.now() + delayMs) / TICK_MS);
    due.dueTick = tick;
    let bucket = this.buckets.get(tick);
    if (!bucket) {
      bucket = { polls: new Set(), timer: setTimeout(() => this.fire(tick), tick * TICK_MS - performance.now()) };
      this.buckets.set(tick, bucket);
    }
    bucket.polls.add(due);
  }

  remove(due: T): void {
    const bucket = this.buckets.get(due.dueTick);
    if (!bucket?.polls.delete(due) || bucket.polls.size > 0) return;
    clearTimeout(bucket.timer);
    this.buckets.delete(due.dueTick);
  }

  /** Everything in the wheel now. */
  all(): T[] {
    return [...this.buckets.values()].flatMap((bucket) => [...bucket.polls]);
  }

  private fire(tick: number): void {
    const bucket = this.buckets.get(tick);
    if (!bucket) return;
    this.buckets.delete(tick);
    for (const due of bucket.polls) due.heartbeat();
  }
}
