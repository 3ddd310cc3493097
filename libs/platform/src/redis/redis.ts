import { Redis, type RedisOptions } from 'ioredis';

/**
 * One place that builds Redis connections, so every process uses the same options. `role` names the
 * connection in CLIENT LIST, which helps operators see who holds what.
 */
export function createRedis(url: string, role: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { connectionName: `switchboard:${role}`, maxRetriesPerRequest: 3, enableAutoPipelining: true, ...options });
  // Errors surface through commands and the readiness check; an unhandled 'error' event would crash.
  redis.on('error', () => undefined);
  return redis;
}

export async function pingRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`redis answered ${answer}`);
}
