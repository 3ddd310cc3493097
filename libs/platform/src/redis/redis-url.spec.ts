import { parseRedisUrl } from './redis-url';

describe('parseRedisUrl', () => {
  it.each(['redis://127.0.0.1:6379', 'rediss://:secret@redis.example:6380/2', 'redis://user:pw@host'])(
    '%s is one Redis',
    (url) => {
      expect(parseRedisUrl(url)).toEqual({ kind: 'single', url });
    },
  );

  it.each<[string, Record<string, unknown>]>([
    [
      'redis+sentinel://s1:26379,s2:26380/mymaster',
      {
        sentinels: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26380 },
        ],
        name: 'mymaster',
      },
    ],
    ['redis+sentinel://s1/mymaster/3', { sentinels: [{ host: 's1', port: 26379 }], name: 'mymaster', db: 3 }],
    [
      'redis+sentinel://:p%40ss@s1:26379/primary',
      { sentinels: [{ host: 's1', port: 26379 }], name: 'primary', password: 'p@ss' },
    ],
    [
      'redis+sentinel://app:pw@s1:26379/primary?sentinelPassword=sp&sentinelUsername=su',
      { name: 'primary', username: 'app', password: 'pw', sentinelPassword: 'sp', sentinelUsername: 'su' },
    ],
    ['rediss+sentinel://s1:26379/primary', { name: 'primary', tls: {}, enableTLSForSentinelMode: true }],
    ['redis+sentinel://s1:26379/primary?sentinelTls=true', { sentinelTLS: {}, enableTLSForSentinelMode: true }],
    ['redis+sentinel://[::1]:26379/primary', { sentinels: [{ host: '::1', port: 26379 }] }],
  ])('%s finds its primary through Sentinel', (url, expected) => {
    const target = parseRedisUrl(url);
    expect(target.kind).toBe('sentinel');
    expect(target.kind === 'sentinel' ? target.options : null).toMatchObject(expected);
  });

  it.each<[string, { nodes: { host: string; port: number }[]; options: Record<string, unknown> }]>([
    [
      'redis+cluster://n1:7000,n2:7001,n3',
      {
        nodes: [
          { host: 'n1', port: 7000 },
          { host: 'n2', port: 7001 },
          { host: 'n3', port: 6379 },
        ],
        options: {},
      },
    ],
    ['redis+cluster://:p%40ss@n1:7000', { nodes: [{ host: 'n1', port: 7000 }], options: { password: 'p@ss' } }],
    [
      'redis+cluster://app:pw@n1:7000/',
      { nodes: [{ host: 'n1', port: 7000 }], options: { username: 'app', password: 'pw' } },
    ],
    [
      'rediss+cluster://n1:7000,[::1]:7001',
      {
        nodes: [
          { host: 'n1', port: 7000 },
          { host: '::1', port: 7001 },
        ],
        options: { tls: {} },
      },
    ],
  ])('%s is a Redis Cluster', (url, expected) => {
    expect(parseRedisUrl(url)).toEqual({ kind: 'cluster', ...expected });
  });

  it.each([
    ['http://host:6379', /must be a redis/],
    ['redis+cluster://n1:7000/2', /no path/],
    ['redis+cluster://n1:7000?tls=true', /no query/],
    ['redis+cluster://n1:port', /bad cluster node address/],
    ['redis+sentinel://s1:26379', /must name the primary/],
    ['redis+sentinel://s1:26379/', /must name the primary/],
    ['redis+sentinel://s1:26379/primary/x', /bad database/],
    ['redis+sentinel://s1:notaport/primary', /bad sentinel address/],
    ['', /must be a redis/],
  ])('%s is refused', (url, message) => {
    expect(() => parseRedisUrl(url)).toThrow(message);
  });
});
