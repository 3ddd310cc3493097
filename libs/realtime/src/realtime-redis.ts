import type { Provider } from '@nestjs/common';
import { createRedis, createSubscriberRedis, type RedisClient } from '@switchboard/platform';
import { EventHub } from './hub/event-hub';
import { RealtimeConfig } from './realtime.config';

/** Injection token of the realtime gateway's command connection to Redis (tickets, publishing, presence). */
export const REALTIME_REDIS = Symbol('REALTIME_REDIS');

/** Opens a dedicated connection for blocking reads (a Socket Mode app's stream reader). */
export const REALTIME_BLOCKING_REDIS = Symbol('REALTIME_BLOCKING_REDIS');
export type BlockingRedisFactory = () => RedisClient;

/** Every Redis client of the realtime gateway: one command connection, one subscriber (the hub), blocking readers. */
export const realtimeRedisProviders: Provider[] = [
  {
    provide: REALTIME_REDIS,
    inject: [RealtimeConfig],
    useFactory: (config: RealtimeConfig) => createRedis(config.REDIS_URL, 'realtime'),
  },
  // Subscriptions need a connection of their own: a subscribed connection cannot send commands.
  {
    provide: EventHub,
    inject: [RealtimeConfig],
    useFactory: (config: RealtimeConfig) =>
      new EventHub(createSubscriberRedis(config.REDIS_URL, 'realtime-subscriber')),
  },
  {
    provide: REALTIME_BLOCKING_REDIS,
    inject: [RealtimeConfig],
    useFactory:
      (config: RealtimeConfig): BlockingRedisFactory =>
      () =>
        createRedis(config.REDIS_URL, 'socket-mode-reader', { maxRetriesPerRequest: null }),
  },
];
