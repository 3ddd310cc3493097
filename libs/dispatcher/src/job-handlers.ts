import type { Job } from 'bullmq';

/** `token` is the worker's lock token, needed to move a running job back to delayed. */
export type JobHandler = (job: Job, token?: string) => Promise<unknown>;

/**
 * The dispatcher's job handlers by job name. A job whose name has no handler fails without retry
 * (UnrecoverableError) instead of looping; the worker refuses to start unless every name in
 * `WebhookJobName` has a handler.
 */
export class JobHandlers {
  private readonly handlers = new Map<string, JobHandler>();

  register(name: string, handler: JobHandler): void {
    if (this.handlers.has(name)) throw new Error(`job handler registered twice: ${name}`);
    this.handlers.set(name, handler);
  }

  get(name: string): JobHandler | undefined {
    return this.handlers.get(name);
  }

  get names(): string[] {
    return [...this.handlers.keys()];
  }
}
