export interface BatchLimits {
  /** A batch is sent when it holds this many items… */
  maxItems: number;
  /** …or this long after its first item arrived, whichever comes first. */
  maxWaitMs: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects items from concurrent callers and sends them in batches with one call; each caller's
 * promise settles with its own item's result (the call answers results in item order) or with the
 * call's error. Batches do not wait for each other: a slow call does not hold the next one back.
 */
export class OutcomeBatcher<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly limits: BatchLimits,
    private readonly send: (items: T[]) => Promise<R[]>,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.limits.maxItems) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.limits.maxWaitMs);
    });
  }

  /** Items waiting for their batch. */
  get size(): number {
    return this.waiting.length;
  }

  /** Sends what is waiting now and resolves when every batch sent so far has settled. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.all([...this.inFlight]);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting;
    if (batch.length === 0) return;
    this.waiting = [];
    const sent: Promise<void> = this.send(batch.map((entry) => entry.item))
      .then((results) => {
        if (results.length !== batch.length)
          throw new Error(`batch of ${batch.length} answered with ${results.length} results`);
        batch.forEach((entry, index) => entry.resolve(results[index]));
      })
      .catch((error: unknown) => batch.forEach((entry) => entry.reject(error)))
      .finally(() => this.inFlight.delete(sent));
    this.inFlight.add(sent);
  }
}
