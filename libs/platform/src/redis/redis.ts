import { Redis, type RedisOptions } from 'ioredis';
import { parseRedisUrl } from './redis-url';

/**
 * One place that builds Redis connections, so every process uses the same options. `role` names the
 * connection in CLIENT LIST, which helps operators see who holds what. A `redis+sentinel://` URL
 * asks Sentinel for the current primary, and again after a failover.
 */
export function createRedis(url: string, role: string, options: RedisOptions = {}): Redis {
  const common: RedisOptions = { connectionName: `switchboard:${role}`, maxRetriesPerRequest: 3, enableAutoPipelining: true, ...options };
  const target = parseRedisUrl(url);
  const redis = target.kind === 'single' ? new Redis(target.url, common) : new Redis({ ...target.options, ...common });
  // Errors surface through commands and the readiness check; an unhandled 'error' event would crash.
  redis.on('error', () => undefined);
  return redis;
}

export async function pingRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`redis answered ${answer}`);
}
