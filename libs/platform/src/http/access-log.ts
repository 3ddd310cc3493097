import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonLogger } from '../logging/json-logger';

/** A finished request as the access log and the HTTP metrics see it. */
export interface FinishedRequest {
  reqId: string | undefined;
  method: string | undefined;
  path: string | undefined;
  /** The matched route pattern (with its base URL); undefined when no route matched. */
  route: string | undefined;
  status: number;
  /** Since the request arrived, in milliseconds (microsecond resolution). */
  ms: number;
}

/** What a route served outside Express reports once its answer finished, as the middlewares would. */
export type RequestRecorder = (request: FinishedRequest) => void;

/** Milliseconds since `startedNs` (`process.hrtime.bigint()`), to the microsecond. */
export function msSince(startedNs: bigint): number {
  return Number((process.hrtime.bigint() - startedNs) / 1000n) / 1000;
}

/**
 * One JSON line per request: id, method, path, status, duration. The query string is left out on
 * purpose (Slack clients may put tokens there), and so are bodies. Health probes log at debug.
 * `.record` writes the same line for a route served outside Express.
 */
export function accessLog(logger: JsonLogger) {
  const record: RequestRecorder = (request) => {
    const level = request.path?.startsWith('/health/') ? 'debug' : request.status >= 500 ? 'error' : 'info';
    // Nothing is built for a line that would not be written (the usual case for `info` under load).
    if (!logger.pino.isLevelEnabled(level)) return;
    logger.pino[level]({
      msg: 'request',
      reqId: request.reqId,
      method: request.method,
      path: request.path,
      status: request.status,
      ms: request.ms,
    });
  };
  const middleware = (
    req: IncomingMessage & { path?: string; id?: string },
    res: ServerResponse,
    next: () => void,
  ): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () =>
      record({
        reqId: req.id,
        method: req.method,
        path: req.path,
        route: undefined,
        status: res.statusCode,
        ms: msSince(started),
      }),
    );
    next();
  };
  return Object.assign(middleware, { record });
}
