import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config/config-fields';

/** Nest's start-up chatter (one line per module and per mapped route): useful when debugging, noise otherwise. */
const NEST_BOOT_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
  'WebSocketsController',
]);

/**
 * Structured JSON logs (one object per line) for every app, through pino. Never pass tokens or
 * message bodies to it: headers named authorization/cookie/token are redacted anyway.
 */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;

  constructor(app: string, level: LogLevel) {
    // Written asynchronously (no blocking write per request line), and flushed on exit.
    const destination = pino.destination({ dest: 1, sync: false });
    process.once('exit', () => {
      try {
        destination.flushSync();
      } catch {
        // nothing left to do at exit
      }
    });
    this.pino = pino(
      {
        level,
        base: { app },
        timestamp: pino.stdTimeFunctions.isoTime,
        redact: {
          paths: ['*.authorization', '*.cookie', '*.token', '*.password', '*.apiKey', 'headers.*'],
          censor: '[redacted]',
        },
        formatters: { level: (label) => ({ level: label }) },
      },
      destination,
    );
  }

  log(message: unknown, context?: string): void {
    this.write(context !== undefined && NEST_BOOT_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }

  error(message: unknown, stack?: string, context?: string): void {
    this.write('error', message, context, stack);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    context?: string,
    stack?: string,
  ): void {
    if (typeof message === 'object' && message !== null) {
      this.pino[level]({ context, ...(message as object), ...(stack ? { stack } : {}) });
    } else {
      this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }
}
