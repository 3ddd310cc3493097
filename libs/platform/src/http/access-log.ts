import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonLogger } from '../logging/json-logger';

/**
 * One JSON line per request: id, method, path, status, duration. The query string is left out on
 * purpose (Slack clients may put tokens there), and so are bodies. Health probes log at debug.
 */
export function accessLog(logger: JsonLogger) {
  // Express requests have `path`; a route served on the raw server (`raw-events-route`) sets it.
  return (req: IncomingMessage & { path?: string; id?: string }, res: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const level = req.path?.startsWith('/health/') ? 'debug' : res.statusCode >= 500 ? 'error' : 'info';
      // Nothing is built for a line that would not be written (the usual case for `info` under load).
      if (!logger.pino.isLevelEnabled(level)) return;
      logger.pino[level]({
        msg: 'request',
        reqId: req.id,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      });
    });
    next();
  };
}
