import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min, MinLength, ValidateBy } from 'class-validator';
import { parseRedisUrl } from '../redis/redis-url';

/** Decorators shared by the per-app configuration classes. */
export const IntSetting = (min: number, max: number): PropertyDecorator => {
  const decorators = [
    Transform(({ value }) => (typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value)),
    IsInt(),
    Min(min),
    Max(max),
  ];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
};

export const BoolSetting = (): PropertyDecorator => {
  const decorators = [
    Transform(({ value }) =>
      value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
    ),
    IsBoolean({ message: '$property must be true or false' }),
  ];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
};

export const UrlSetting = (schemes: string[]): PropertyDecorator => {
  const pattern = new RegExp(`^(${schemes.join('|')})://[^\\s]+$`);
  const decorators = [IsString(), Matches(pattern, { message: `$property must be a ${schemes.join(' or ')} URL` })];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
};

/** One Redis, a primary found through Sentinel, or a Redis Cluster (see redis/redis-url.ts). */
export const RedisUrlSetting = (): PropertyDecorator =>
  ValidateBy({
    name: 'isRedisUrl',
    validator: {
      validate: (value) => {
        try {
          return typeof value === 'string' && parseRedisUrl(value) !== null;
        } catch {
          return false;
        }
      },
      defaultMessage: () =>
        '$property must be a redis://, rediss://, redis+sentinel://host:26379/<name>, rediss+sentinel://, redis+cluster://host:6379,… or rediss+cluster:// URL',
    },
  });

/**
 * The Redis key prefix of the BullMQ queues. BullMQ's scripts touch several keys of a queue at once,
 * so on a Redis Cluster the prefix must be a hash tag (`{bull}`) putting all of them in one slot.
 */
export const QueuePrefixSetting = (): PropertyDecorator => {
  const decorators = [
    Matches(/^(\{[A-Za-z0-9_-]{1,40}\}|[A-Za-z0-9_-]{1,40})$/, {
      message: 'QUEUE_PREFIX must be 1-40 letters, digits, _ or -, optionally in braces: {bull}',
    }),
    ValidateBy({
      name: 'isClusterQueuePrefix',
      validator: {
        validate: (value, args) =>
          !isClusterUrl((args?.object as { REDIS_URL?: unknown }).REDIS_URL) ||
          (typeof value === 'string' && value.startsWith('{')),
        defaultMessage: () =>
          'QUEUE_PREFIX must be in braces (a hash tag such as {bull}) when REDIS_URL is a Redis Cluster',
      },
    }),
  ];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
};

function isClusterUrl(url: unknown): boolean {
  try {
    return typeof url === 'string' && parseRedisUrl(url).kind === 'cluster';
  } catch {
    return false;
  }
}

export const SecretSetting = (): PropertyDecorator => {
  const decorators = [IsString(), MinLength(16, { message: '$property must be at least 16 characters' })];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LogLevelSetting = (): PropertyDecorator => IsIn(LOG_LEVELS);

/** Settings every app has. */
export class BaseConfig {
  @IntSetting(1, 65535)
  PORT = 0;

  @LogLevelSetting()
  LOG_LEVEL: LogLevel = 'info';

  @IntSetting(0, 600000)
  SHUTDOWN_GRACE_MS = 10000;

  /** A request's headers must arrive within this (slow-header attacks); also bounds an idle new connection. */
  @IntSetting(1000, 600000)
  HEADERS_TIMEOUT_MS = 10000;

  /** A whole request, body included, must arrive within this (slow-body attacks); larger than HEADERS_TIMEOUT_MS. */
  @IntSetting(1000, 3600000)
  REQUEST_TIMEOUT_MS = 30000;
}

/** The development secret works out of the box; deploy/ and the README tell operators to replace it. */
export const DEV_INTERNAL_SECRET = 'switchboard-dev-internal-secret';

/** Settings of the apps that call messaging-service's internal API and use Redis: both gateways and the webhook dispatcher. */
export class MessagingClientConfig extends BaseConfig {
  @RedisUrlSetting()
  REDIS_URL = 'redis://127.0.0.1:6379';

  @UrlSetting(['http', 'https'])
  MESSAGING_SERVICE_URL = 'http://127.0.0.1:3002';

  @SecretSetting()
  INTERNAL_API_SECRET = DEV_INTERNAL_SECRET;
}
