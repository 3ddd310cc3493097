import {
  BaseConfig,
  BoolSetting,
  IntSetting,
  LOG_LEVELS,
  LogLevelSetting,
  QueuePrefixSetting,
  RedisUrlSetting,
  SecretSetting,
  UrlSetting,
} from './config-fields';
import { ConfigError, loadConfig } from './load-config';

class TestConfig extends BaseConfig {
  override PORT = 3000;

  @IntSetting(1, 200)
  POOL_SIZE = 10;

  @BoolSetting()
  RELAY_ENABLED = true;

  @UrlSetting(['redis', 'rediss'])
  REDIS_URL = 'redis://127.0.0.1:6379';

  @UrlSetting(['http', 'https'])
  UPSTREAM_URL = 'http://127.0.0.1:3002';

  @SecretSetting()
  API_SECRET = 'a-development-secret';
}

/** A setting with no default: the operator must provide it. */
class RequiredConfig {
  @UrlSetting(['postgres', 'postgresql'])
  DATABASE_URL: string | undefined = undefined;

  @LogLevelSetting()
  LOG_LEVEL = 'info';
}

class QueueConfig {
  @RedisUrlSetting()
  REDIS_URL = 'redis://127.0.0.1:6379';

  @QueuePrefixSetting()
  QUEUE_PREFIX = 'bull';
}

const DEFAULTS = {
  PORT: 3000,
  LOG_LEVEL: 'info',
  SHUTDOWN_GRACE_MS: 10000,
  HEADERS_TIMEOUT_MS: 10000,
  REQUEST_TIMEOUT_MS: 30000,
  POOL_SIZE: 10,
  RELAY_ENABLED: true,
  REDIS_URL: 'redis://127.0.0.1:6379',
  UPSTREAM_URL: 'http://127.0.0.1:3002',
  API_SECRET: 'a-development-secret',
};

/** Runs loadConfig and returns the error it throws. */
function failure<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig did not throw');
}

const load = (env: NodeJS.ProcessEnv): TestConfig => loadConfig(TestConfig, env);

describe('loadConfig', () => {
  it('uses every default when the environment is empty', () => {
    const config = load({});
    expect(config).toBeInstanceOf(TestConfig);
    expect({ ...config }).toStrictEqual(DEFAULTS);
  });

  it('uses the defaults when variables are empty strings', () => {
    const empty = Object.fromEntries(Object.keys(DEFAULTS).map((key) => [key, '']));
    expect({ ...load(empty) }).toStrictEqual(DEFAULTS);
  });

  it('ignores unknown variables', () => {
    const config = load({ PATH: '/usr/bin', UNKNOWN_SETTING: 'x', port: '1' });
    expect({ ...config }).toStrictEqual(DEFAULTS);
    expect(config).not.toHaveProperty('UNKNOWN_SETTING');
  });

  it('reads every kind of setting from the environment', () => {
    const env = {
      PORT: '8080',
      LOG_LEVEL: 'debug',
      SHUTDOWN_GRACE_MS: '0',
      POOL_SIZE: '200',
      RELAY_ENABLED: 'false',
      REDIS_URL: 'rediss://cache.internal:6380/2',
      UPSTREAM_URL: 'https://messaging.internal',
      API_SECRET: '0123456789abcdef',
    };
    expect({ ...load(env) }).toStrictEqual({
      ...env,
      PORT: 8080,
      SHUTDOWN_GRACE_MS: 0,
      POOL_SIZE: 200,
      RELAY_ENABLED: false,
      HEADERS_TIMEOUT_MS: 10000,
      REQUEST_TIMEOUT_MS: 30000,
    });
  });

  it.each([
    ['1', 1],
    ['200', 200],
    ['42', 42],
    ['007', 7],
  ])('parses the int %p', (raw, value) => {
    expect(load({ POOL_SIZE: raw }).POOL_SIZE).toBe(value);
  });

  it.each([
    ['below the minimum', '0'],
    ['above the maximum', '201'],
    ['far above the maximum', '99999999999999999999'],
    ['negative', '-1'],
    ['fractional', '1.5'],
    ['an exponent', '1e2'],
    ['hex', '0x10'],
    ['explicit plus', '+5'],
    ['padded', ' 5'],
    ['trailing newline', '5\n'],
    ['a word', 'ten'],
    ['with a unit', '10ms'],
  ])('rejects an int %s', (_label, raw) => {
    expect(() => load({ POOL_SIZE: raw })).toThrow(/^Invalid configuration: POOL_SIZE is malformed \(/);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('parses the boolean %p', (raw, value) => {
    expect(load({ RELAY_ENABLED: raw }).RELAY_ENABLED).toBe(value);
  });

  it.each(['TRUE', 'False', 'yes', 'no', 'on', 'off', '2', '-1', ' true', 'true '])('rejects the boolean %p', (raw) => {
    expect(() => load({ RELAY_ENABLED: raw })).toThrow(
      'Invalid configuration: RELAY_ENABLED is malformed (RELAY_ENABLED must be true or false)',
    );
  });

  it.each([
    ['REDIS_URL', 'redis://localhost'],
    ['REDIS_URL', 'rediss://user:pass@cache:6380/0'],
    ['UPSTREAM_URL', 'http://10.0.0.1:3002'],
    ['UPSTREAM_URL', 'https://example.com/api?x=1'],
  ] as const)('accepts %s=%s', (key, raw) => {
    expect(load({ [key]: raw })[key]).toBe(raw);
  });

  it.each([
    ['REDIS_URL', 'http://localhost:6379', 'a redis or rediss URL'],
    ['REDIS_URL', 'redisx://localhost', 'a redis or rediss URL'],
    ['REDIS_URL', 'REDIS://localhost', 'a redis or rediss URL'],
    ['REDIS_URL', 'localhost:6379', 'a redis or rediss URL'],
    ['REDIS_URL', 'redis://', 'a redis or rediss URL'],
    ['REDIS_URL', 'redis://cache host', 'a redis or rediss URL'],
    ['UPSTREAM_URL', 'ftp://example.com', 'a http or https URL'],
    ['UPSTREAM_URL', 'ws://example.com', 'a http or https URL'],
    ['UPSTREAM_URL', ' http://example.com', 'a http or https URL'],
  ])('rejects %s=%p', (key, raw, wanted) => {
    expect(() => load({ [key]: raw })).toThrow(`Invalid configuration: ${key} is malformed (${key} must be ${wanted})`);
  });

  it.each([
    ['16 characters', '0123456789abcdef', true],
    ['64 characters', 'x'.repeat(64), true],
    ['15 characters', '0123456789abcde', false],
    ['1 character', 'x', false],
  ])('a secret of %s is %s', (_label, raw, ok) => {
    if (ok) expect(load({ API_SECRET: raw }).API_SECRET).toBe(raw);
    else
      expect(() => load({ API_SECRET: raw })).toThrow(
        'Invalid configuration: API_SECRET is malformed (API_SECRET must be at least 16 characters)',
      );
  });

  it.each([...LOG_LEVELS])('accepts the log level %p', (level) => {
    expect(load({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
  });

  it.each(['INFO', 'verbose', 'warning', 'Debug'])('rejects the log level %p', (level) => {
    expect(() => load({ LOG_LEVEL: level })).toThrow(
      /^Invalid configuration: LOG_LEVEL is malformed \(LOG_LEVEL must be one of the following values: /,
    );
  });

  it.each([
    ['PORT', '0'],
    ['PORT', '65536'],
    ['PORT', 'http'],
    ['SHUTDOWN_GRACE_MS', '600001'],
  ])('checks the inherited BaseConfig setting %s=%p', (key, raw) => {
    expect(() => load({ [key]: raw })).toThrow(new RegExp(`^Invalid configuration: ${key} is malformed`));
  });

  it('reports a setting without a default as missing when its variable is unset or empty', () => {
    for (const env of [{}, { DATABASE_URL: '' }]) {
      expect(failure(RequiredConfig, env).message).toMatch(/^Invalid configuration: DATABASE_URL is missing \(/);
    }
    expect(loadConfig(RequiredConfig, { DATABASE_URL: 'postgres://db/x' }).DATABASE_URL).toBe('postgres://db/x');
  });

  it('reports a setting without a default as malformed when its variable is wrong', () => {
    expect(failure(RequiredConfig, { DATABASE_URL: 'mysql://db/x' }).message).toBe(
      'Invalid configuration: DATABASE_URL is malformed (DATABASE_URL must be a postgres or postgresql URL)',
    );
  });

  it.each<[string, new () => object, NodeJS.ProcessEnv, string]>([
    ['an int', TestConfig, { POOL_SIZE: '500' }, 'POOL_SIZE'],
    ['a boolean', TestConfig, { RELAY_ENABLED: 'maybe' }, 'RELAY_ENABLED'],
    ['a URL with a newline', TestConfig, { REDIS_URL: 'redis://a\nb' }, 'REDIS_URL'],
    ['a secret', TestConfig, { API_SECRET: 'short\nsecret' }, 'API_SECRET'],
    ['a log level', TestConfig, { LOG_LEVEL: 'loud\r\n' }, 'LOG_LEVEL'],
    ['a missing setting', RequiredConfig, {}, 'DATABASE_URL'],
  ])('throws a one-line ConfigError for %s', (_label, schema, env, key) => {
    const error = failure(schema, env);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(
      new RegExp(`^Invalid configuration: ${key} is (missing|malformed) \\([^\\n\\r]+\\)$`),
    );
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it('does not leak a rejected secret into the message', () => {
    expect(failure(TestConfig, { API_SECRET: 'hunter2' }).message).not.toContain('hunter2');
  });

  // An unset variable is reported as missing even when the class default would not validate.
  it('reports an unset variable whose default is invalid as missing', () => {
    expect(failure(BaseConfig, {}).message).toMatch(/^Invalid configuration: PORT is missing/);
  });

  describe('QUEUE_PREFIX', () => {
    it.each<[NodeJS.ProcessEnv, string]>([
      [{}, 'bull'],
      [{ QUEUE_PREFIX: '{bull}' }, '{bull}'],
      [{ REDIS_URL: 'redis+cluster://n1:7000,n2:7001', QUEUE_PREFIX: '{sb-1}' }, '{sb-1}'],
    ])('accepts %j', (env, prefix) => {
      expect(loadConfig(QueueConfig, env).QUEUE_PREFIX).toBe(prefix);
    });

    it('refuses a prefix without a hash tag on a Redis Cluster, in one line', () => {
      expect(failure(QueueConfig, { REDIS_URL: 'redis+cluster://n1:7000' }).message).toBe(
        'Invalid configuration: QUEUE_PREFIX is missing (QUEUE_PREFIX must be in braces (a hash tag such as {bull}) when REDIS_URL is a Redis Cluster)',
      );
      expect(failure(QueueConfig, { REDIS_URL: 'redis+cluster://n1:7000', QUEUE_PREFIX: 'bull' }).message).toMatch(
        /^Invalid configuration: QUEUE_PREFIX is malformed \(QUEUE_PREFIX must be in braces/,
      );
    });

    it.each(['{bull', 'bu{ll}', '{}', 'a b'])('refuses %s', (prefix) => {
      expect(failure(QueueConfig, { QUEUE_PREFIX: prefix }).message).toMatch(
        /^Invalid configuration: QUEUE_PREFIX is malformed/,
      );
    });
  });
});
