import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { ConfigError } from '../config/load-config';
import type { JsonLogger } from '../logging/json-logger';
import { HealthRegistry } from '../health/health-registry';

/** Prints a start-up failure as one line and exits; bad configuration must not look like a crash. */
export function exitOnStartupError(app: string, error: unknown): never {
  const line =
    error instanceof ConfigError
      ? error.message
      : `${app} failed to start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: readiness turns false at once, then Nest closes (HTTP server
 * stops accepting and finishes in-flight requests; modules close sockets, workers and pools). If
 * that takes longer than the grace period the process exits anyway.
 */
export function handleShutdown(
  app: INestApplication | INestApplicationContext,
  logger: JsonLogger,
  graceMs: number,
): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'shutting down', signal }, 'Lifecycle');
    try {
      app.get(HealthRegistry, { strict: false }).startDraining();
    } catch {
      // contexts without HTTP have no health registry
    }
    const timer = setTimeout(() => {
      logger.warn({ msg: 'grace period over, exiting', graceMs }, 'Lifecycle');
      process.exit(1);
    }, graceMs);
    timer.unref();
    app.close().then(
      () => {
        logger.log({ msg: 'stopped' }, 'Lifecycle');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ msg: 'shutdown failed', err: String(error) }, undefined, 'Lifecycle');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
