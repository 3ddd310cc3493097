import type { Dispatcher } from 'undici';

export interface BufferedAnswer {
  status: number;
  /** undici's raw headers: names and values alternating. */
  rawHeaders: Buffer[];
  body: Buffer;
}

/**
 * One request through undici's `dispatch` with a small handler that buffers the answer: no
 * Response object or body stream per request. One timer bounds the whole exchange, the wait for a
 * pooled connection included.
 */
export function dispatchBuffered(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  timeoutMs: number,
): Promise<BufferedAnswer> {
  return new Promise((resolve, reject) => {
    dispatcher.dispatch(options, new BufferedExchange(timeoutMs, resolve, reject));
  });
}

class BufferedExchange implements Dispatcher.DispatchHandler {
  private abortRequest: ((reason?: Error) => void) | null = null;
  private settled = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  private status = 0;
  private rawHeaders: Buffer[] = [];
  private readonly chunks: Buffer[] = [];

  constructor(
    timeoutMs: number,
    private readonly resolve: (answer: BufferedAnswer) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.timer = setTimeout(() => this.fail(new Error('timeout')), timeoutMs);
  }

  onConnect(abort: (reason?: Error) => void): void {
    this.abortRequest = abort;
    if (this.settled) abort(new Error('request ended'));
  }

  onHeaders(status: number, rawHeaders: Buffer[]): boolean {
    // 1xx answers come before the real one; only the last call counts.
    this.status = status;
    this.rawHeaders = rawHeaders;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.resolve({ status: this.status, rawHeaders: this.rawHeaders, body });
  }

  onError(error: Error): void {
    this.fail(error);
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.abortRequest?.(error);
    this.reject(error);
  }
}
