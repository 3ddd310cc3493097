import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { parseRedisUrl } from './redis-url';

/** A connection to Redis: one server (possibly found through Sentinel) or a Redis Cluster. */
export type RedisClient = Redis | Cluster;

/**
 * One place that builds Redis connections, so every process uses the same options. `role` names the
 * connection in CLIENT LIST, which helps operators see who holds what. A `redis+sentinel://` URL
 * asks Sentinel for the current primary, and again after a failover; a `redis+cluster://` URL
 * gives a Cluster client that routes each command to the node owning its key's slot.
 */
export function createRedis(url: string, role: string, options: RedisOptions = {}): RedisClient {
  return connect(url, role, options, false);
}

/**
 * A connection for SSUBSCRIBE. On a cluster, sharded subscriptions must be made on the node that
 * owns each channel's slot: ioredis keeps one subscriber connection per primary for that.
 */
export function createSubscriberRedis(url: string, role: string): RedisClient {
  return connect(url, role, { maxRetriesPerRequest: null }, true);
}

function connect(url: string, role: string, options: RedisOptions, shardedSubscribers: boolean): RedisClient {
  const common: RedisOptions = {
    connectionName: `switchboard:${role}`,
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
    ...options,
  };
  const target = parseRedisUrl(url);
  let redis: RedisClient;
  if (target.kind === 'single') redis = new Redis(target.url, common);
  else if (target.kind === 'sentinel') redis = new Redis({ ...target.options, ...common });
  else {
    const { enableAutoPipelining, ...redisOptions } = common;
    redis = new Cluster(target.nodes, {
      enableAutoPipelining,
      shardedSubscribers,
      redisOptions: { ...target.options, ...redisOptions },
    });
  }
  // Errors surface through commands and the readiness check; an unhandled 'error' event would crash.
  redis.on('error', () => undefined);
  return redis;
}

export async function pingRedis(redis: RedisClient): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`redis answered ${answer}`);
}
