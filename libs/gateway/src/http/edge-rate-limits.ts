import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RateLimitedError } from '@switchboard/contracts';
import { sendError } from '@switchboard/platform';
import { GatewayConfig } from '../gateway.config';
import { mountOf } from './gateway-mounts';
import { RateLimiter } from './rate-limiter';

const WINDOW_MS = 60_000;
/** Addresses counted per window at most: a spray of distinct (IPv6) addresses must not grow memory without bound. */
const MAX_TRACKED_IPS = 100_000;

/**
 * Rate limits in front of every route: per client IP (counted in this process, no round trip) and
 * per credential (a hash of it, shared by all replicas through Redis), as each mount declares
 * (gateway-mounts.ts): the Slack Web API is left to its own per-user limits (API_REQUESTS_PER_MINUTE,
 * RTM_CONNECTS_PER_MINUTE). Refusals are 429 with `Retry-After` in the dialect of the mount. If Redis fails the credential limit lets the request
 * through: a limiter outage must not become an API outage.
 */
@Injectable()
export class EdgeRateLimits {
  private readonly logger = new Logger(EdgeRateLimits.name);
  private window = 0;
  private perIp = new Map<string, number>();

  constructor(
    private readonly config: GatewayConfig,
    private readonly limiter: RateLimiter,
  ) {}

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const mount = mountOf(req.path);
      if (mount.rateLimits === 'none') return next();
      const ipRetry = this.hitIp(req.ip ?? req.socket.remoteAddress ?? 'unknown');
      if (ipRetry !== undefined) return sendError(res, mount.dialect, new RateLimitedError(ipRetry));
      // The credential is hashed only when its limit is on (a hash per request otherwise for nothing).
      if (mount.rateLimits !== 'ip-and-credential' || this.config.REQUESTS_PER_TOKEN_PER_MINUTE <= 0) return next();
      const credential = credentialOf(req);
      if (!credential) return next();
      this.limiter.hit('token', credential, this.config.REQUESTS_PER_TOKEN_PER_MINUTE).then(
        () => next(),
        (error: unknown) => {
          if (error instanceof RateLimitedError) return sendError(res, mount.dialect, error);
          this.logger.warn({ msg: 'credential rate limit unavailable', err: String(error) });
          next();
        },
      );
    };
  }

  /** Seconds until the window ends when over the per-IP limit, else undefined. */
  private hitIp(ip: string): number | undefined {
    const limit = this.config.REQUESTS_PER_IP_PER_MINUTE;
    if (limit <= 0) return undefined;
    const now = Date.now();
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.window) {
      this.window = window;
      this.perIp = new Map();
    }
    const seen = this.perIp.get(ip);
    if (seen === undefined && this.perIp.size >= MAX_TRACKED_IPS) return undefined;
    const count = (seen ?? 0) + 1;
    this.perIp.set(ip, count);
    return count > limit ? Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000)) : undefined;
  }
}

/** A hash of whatever credential the request carries (never the credential itself as a Redis key). */
function credentialOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  return createHash('sha256').update(header).digest('base64url').slice(0, 22);
}
