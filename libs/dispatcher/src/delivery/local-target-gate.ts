/**
 * In-process slots per target, in front of the Redis semaphore: this worker never asks Redis for
 * more than `limit` slots of one target at once, and a job whose target is busy here waits briefly
 * for one of this worker's own requests to finish — to a fast target that is a millisecond, far
 * cheaper than stepping aside (moved to delayed and fetched again). A job that waited `maxWaitMs`
 * in vain steps aside as before, so a slow target still cannot keep worker slots.
 */
export class LocalTargetGate {
  private readonly busy = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  /** A release function once a slot is free, or null when none freed within `maxWaitMs`. */
  acquire(target: string, maxWaitMs: number): Promise<(() => void) | null> {
    if ((this.busy.get(target) ?? 0) < this.limit) return Promise.resolve(this.take(target));
    return new Promise((resolve) => {
      const queue = this.waiting.get(target) ?? [];
      this.waiting.set(target, queue);
      const wake = () => {
        clearTimeout(timer);
        resolve(this.take(target));
      };
      const timer = setTimeout(() => {
        const index = queue.indexOf(wake);
        if (index >= 0) queue.splice(index, 1);
        if (queue.length === 0) this.waiting.delete(target);
        resolve(null);
      }, maxWaitMs);
      queue.push(wake);
    });
  }

  /** Slots of `target` in use in this worker. */
  inUse(target: string): number {
    return this.busy.get(target) ?? 0;
  }

  private take(target: string): () => void {
    this.busy.set(target, (this.busy.get(target) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.busy.get(target) ?? 1) - 1;
      if (left === 0) this.busy.delete(target);
      else this.busy.set(target, left);
      const queue = this.waiting.get(target);
      const next = queue?.shift();
      if (queue?.length === 0) this.waiting.delete(target);
      next?.(); // first come, first served
    };
  }
}
