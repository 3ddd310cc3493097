/** Releases one lease of the shared (Redis) per-target semaphore. */
export type LeaseRelease = () => Promise<void>;

export interface SharedSemaphore {
  /** A release function, or null when the target is at its limit across all workers. */
  tryAcquire(target: string): Promise<LeaseRelease | null>;
}

export interface SlotLimits {
  /** Requests in flight to one target, across all workers (the shared semaphore's limit too). */
  perTarget: number;
  /** How long a job may wait here for a slot before it steps aside. */
  maxWaitMs: number;
  /** A lease is handed from one request to the next for at most this long, then given back. */
  handoffMs: number;
  /**
   * A lease no request waits for is kept this long (about; at most twice) for the target's next
   * request before it is given back; 0 gives it back at once.
   */
  idleMs: number;
}

interface Lease {
  release: LeaseRelease;
  acquiredAt: number;
}

interface Waiter {
  wake: (lease: Lease | null) => void;
}

const SHARED_RETRY_MS = 20;

/**
 * Per-target request slots of one worker, in front of the shared semaphore (which caps requests in
 * flight to a target across every worker). This worker never holds more than `perTarget` leases of
 * a target; a job whose target is busy waits here for one of this worker's own requests to end —
 * to a fast target a millisecond, far cheaper than stepping aside (moved to delayed, fetched
 * again). A request that ends while another waits hands its lease over instead of giving it back
 * and taking it again (two Redis commands saved per delivery under load); a lease is handed over
 * for `handoffMs` at most, so other workers get their turn. The cap is never exceeded: a lease
 * that changes hands is still one request in flight. A job that waited `maxWaitMs` in vain gets
 * null and steps aside as before, so a slow target still cannot keep worker slots. A lease that
 * nobody waits for is parked for `idleMs`: a hot target's next job (due a millisecond later) takes
 * it instead of a round trip to Redis to give it back and another to take it again.
 */
export class TargetSlots {
  private readonly held = new Map<string, number>();
  private readonly waiting = new Map<string, Waiter[]>();
  /** Leases (counted in `held`) that no request uses, newest last, with when they were parked. */
  private readonly idle = new Map<string, (Lease & { idleSince: number })[]>();
  private sweepTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly shared: SharedSemaphore,
    private readonly limits: SlotLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** A function that frees the slot once the request is done, or null: step aside. */
  async acquire(target: string): Promise<(() => void) | null> {
    const deadline = this.now() + this.limits.maxWaitMs;
    const parked = this.unpark(target);
    if (parked) {
      if (this.now() - parked.acquiredAt < this.limits.handoffMs) return this.slot(target, parked);
      void parked.release().catch(() => undefined); // too old to pass on: the local slot stays, a fresh lease below
    } else if ((this.held.get(target) ?? 0) >= this.limits.perTarget) {
      const handed = await this.wait(target, this.limits.maxWaitMs);
      if (handed === undefined) return null; // timed out
      if (handed) return this.slot(target, handed);
      // woken with a free local slot but no lease: take one below
    } else {
      this.held.set(target, (this.held.get(target) ?? 0) + 1);
    }
    for (;;) {
      const release = await this.shared.tryAcquire(target);
      if (release) return this.slot(target, { release, acquiredAt: this.now() });
      // Another worker holds the target's slots: retry briefly, then step aside.
      if (this.now() + SHARED_RETRY_MS > deadline) {
        this.free(target);
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, SHARED_RETRY_MS));
    }
  }

  /** Gives back the parked leases (shutdown). */
  close(): void {
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.sweepTimer = null;
    for (const [target, leases] of [...this.idle]) {
      this.idle.delete(target);
      for (const lease of leases) this.giveBack(target, lease);
    }
  }

  /** Leases of `target` this worker holds (in flight, being handed over or parked). */
  inUse(target: string): number {
    return this.held.get(target) ?? 0;
  }

  /** Resolves with a handed-over lease, null for a free local slot, undefined when the wait ran out. */
  private wait(target: string, ms: number): Promise<Lease | null | undefined> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(target) ?? [];
      this.waiting.set(target, queue);
      const waiter: Waiter = {
        wake: (lease) => {
          clearTimeout(timer);
          resolve(lease);
        },
      };
      const timer = setTimeout(() => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        if (queue.length === 0 && this.waiting.get(target) === queue) this.waiting.delete(target);
        resolve(undefined);
      }, ms);
      queue.push(waiter);
    });
  }

  private slot(target: string, lease: Lease): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.nextWaiter(target);
      const young = this.now() - lease.acquiredAt < this.limits.handoffMs;
      if (next && young) return next.wake(lease); // the slot stays held
      if (!next && young && this.limits.idleMs > 0) return this.park(target, lease);
      void lease.release().catch(() => undefined);
      if (next) return next.wake(null); // the local slot passes on; the waiter takes a fresh lease
      this.free(target);
    };
  }

  private park(target: string, lease: Lease): void {
    const leases = this.idle.get(target) ?? [];
    this.idle.set(target, leases);
    leases.push({ ...lease, idleSince: this.now() });
    if (!this.sweepTimer) {
      this.sweepTimer = setTimeout(() => this.sweep(), this.limits.idleMs);
      this.sweepTimer.unref?.();
    }
  }

  private unpark(target: string): Lease | undefined {
    const leases = this.idle.get(target);
    const lease = leases?.pop();
    if (leases?.length === 0) this.idle.delete(target);
    return lease;
  }

  /** Gives back the leases parked for `idleMs` or longer. */
  private sweep(): void {
    this.sweepTimer = null;
    const now = this.now();
    for (const [target, leases] of [...this.idle]) {
      const expired = leases.filter((lease) => now - lease.idleSince >= this.limits.idleMs);
      if (expired.length === leases.length) this.idle.delete(target);
      else leases.splice(0, expired.length); // parked in order: the expired ones come first
      for (const lease of expired) this.giveBack(target, lease);
    }
    if (this.idle.size > 0) {
      this.sweepTimer = setTimeout(() => this.sweep(), this.limits.idleMs);
      this.sweepTimer.unref?.();
    }
  }

  private giveBack(target: string, lease: Lease): void {
    void lease.release().catch(() => undefined);
    this.free(target);
  }

  private nextWaiter(target: string): Waiter | undefined {
    const queue = this.waiting.get(target);
    const next = queue?.shift();
    if (queue?.length === 0) this.waiting.delete(target);
    return next;
  }

  private free(target: string): void {
    const left = (this.held.get(target) ?? 1) - 1;
    if (left <= 0) this.held.delete(target);
    else this.held.set(target, left);
    // A job that waited for a local slot takes the one just freed.
    const next = this.nextWaiter(target);
    if (next) {
      this.held.set(target, (this.held.get(target) ?? 0) + 1);
      next.wake(null);
    }
  }
}
