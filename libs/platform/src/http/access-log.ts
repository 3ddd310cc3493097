import type { NextFunction, Request, Response } from 'express';
import type { JsonLogger } from '../logging/json-logger';
import type { RequestWithId } from './request-id';

/**
 * One JSON line per request: id, method, path, status, duration. The query string is left out on
 * purpose (Slack clients may put tokens there), and so are bodies. Health probes log at debug.
 */
export function accessLog(logger: JsonLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const level = req.path.startsWith('/health/') ? 'debug' : res.statusCode >= 500 ? 'error' : 'info';
      // Nothing is built for a line that would not be written (the usual case for `info` under load).
      if (!logger.pino.isLevelEnabled(level)) return;
      logger.pino[level]({
        msg: 'request',
        reqId: (req as RequestWithId).id,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      });
    });
    next();
  };
}
