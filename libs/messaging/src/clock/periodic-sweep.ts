import type { Logger } from '@nestjs/common';

/**
 * Runs a sweep every `periodMs`, the first after `firstDelayMs` (a random one keeps replicas started
 * together out of step). A sweep still running when the next is due makes that one skip; a failed
 * sweep is logged and the next runs as usual. The timers never keep the process alive.
 */
export class PeriodicSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly what: string,
    private readonly sweep: () => Promise<unknown>,
    private readonly logger: Pick<Logger, 'error'>,
  ) {}

  start(periodMs: number, firstDelayMs = periodMs): void {
    this.timer = setTimeout(() => {
      void this.tick();
      this.timer = setInterval(() => void this.tick(), periodMs);
      this.timer.unref();
    }, firstDelayMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep().then(
      () => undefined,
      (error: Error) => this.logger.error({ msg: `${this.what} failed`, err: error.message }),
    );
    await this.running;
    this.running = null;
  }
}
