import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestRecorder } from '../http/access-log';
import { histogramOn } from './metric-factories';
import type { MetricsRegistry } from './metrics.module';

/**
 * `http_request_duration_seconds{method,route,status}`. The label is the matched route pattern
 * (`/channels/:channelID`), never the raw path, so ids and tokens neither leak nor explode the
 * number of series; unmatched requests count as `unmatched`. `.record` counts a request served
 * outside Express the same way.
 */
export function httpMetrics(registry: MetricsRegistry) {
  const histogram = histogramOn(
    registry,
    'http_request_duration_seconds',
    'HTTP request latency by route pattern',
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60],
    ['method', 'route', 'status'],
  );
  const record: RequestRecorder = (request) =>
    histogram.observe(
      { method: request.method, route: request.route ?? 'unmatched', status: String(request.status) },
      request.ms / 1000,
    );
  const middleware = (
    req: IncomingMessage & { route?: { path?: string }; baseUrl?: string },
    res: ServerResponse,
    next: () => void,
  ): void => {
    const stop = histogram.startTimer();
    res.on('finish', () => {
      const pattern = req.route?.path;
      stop({
        method: req.method,
        route: pattern ? `${req.baseUrl ?? ''}${pattern}` : 'unmatched',
        status: String(res.statusCode),
      });
    });
    next();
  };
  return Object.assign(middleware, { record });
}
