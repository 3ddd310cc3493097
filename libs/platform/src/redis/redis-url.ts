import type { RedisOptions } from 'ioredis';

/**
 * What `REDIS_URL` names: one Redis (`redis://`, `rediss://` for TLS), or a primary found through
 * Sentinel: `redis+sentinel://[[user]:password@]host:port[,host:port…]/<primary name>[/<db>]`
 * (`rediss+sentinel://` for TLS to Redis), with `?sentinelPassword=…&sentinelUsername=…` when
 * the sentinels require auth and `?sentinelTls=true` when they speak TLS. The password in the
 * user part is Redis's, as in a plain URL. A Redis Cluster is named by some of its nodes:
 * `redis+cluster://[[user]:password@]host:port[,host:port…]` (`rediss+cluster://` for TLS); it has
 * no databases, so no path.
 */
export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'sentinel'; options: RedisOptions }
  | { kind: 'cluster'; nodes: RedisNode[]; options: RedisOptions };

export interface RedisNode {
  host: string;
  port: number;
}

export const REDIS_URL_SCHEMES = [
  'redis',
  'rediss',
  'redis+sentinel',
  'rediss+sentinel',
  'redis+cluster',
  'rediss+cluster',
];

export class RedisUrlError extends Error {}

export function parseRedisUrl(url: string): RedisTarget {
  const match = /^(rediss?)\+(sentinel|cluster):\/\/(?:([^@/]*)@)?([^/?#]+)(\/[^?#]*)?(?:\?([^#]*))?$/.exec(url);
  if (!match) {
    if (/^rediss?:\/\/\S+$/.test(url)) return { kind: 'single', url };
    throw new RedisUrlError(
      'REDIS_URL must be a redis://, rediss://, redis+sentinel://, rediss+sentinel://, redis+cluster:// or rediss+cluster:// URL',
    );
  }
  const [, scheme, mode, userinfo, hostList, path = '', query = ''] = match;
  const parts = { scheme, userinfo, hostList, path, query };
  return mode === 'cluster' ? parseCluster(parts) : parseSentinel(parts);
}

/** A `redis+cluster://` or `redis+sentinel://` URL taken apart. */
interface UrlParts {
  scheme: string;
  userinfo: string | undefined;
  hostList: string;
  path: string;
  query: string;
}

function parseCluster({ scheme, userinfo, hostList, path, query }: UrlParts): RedisTarget {
  if (path.replace(/\/+$/, '') !== '')
    throw new RedisUrlError('REDIS_URL: a cluster URL has no path (a Redis Cluster has only database 0)');
  if (query !== '') throw new RedisUrlError('REDIS_URL: a cluster URL takes no query parameters');
  const options: RedisOptions = credentials(userinfo);
  if (scheme === 'rediss') options.tls = {};
  return { kind: 'cluster', nodes: hostPorts(hostList, 6379, 'cluster node'), options };
}

function parseSentinel({ scheme, userinfo, hostList, path, query }: UrlParts): RedisTarget {
  const sentinels = hostPorts(hostList, 26379, 'sentinel');
  const [name, db] = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (!name)
    throw new RedisUrlError('REDIS_URL: a sentinel URL must name the primary: redis+sentinel://host:26379/<name>');
  if (db !== undefined && !/^\d{1,2}$/.test(db)) throw new RedisUrlError(`REDIS_URL: bad database number "${db}"`);
  const params = new URLSearchParams(query);
  const options: RedisOptions = { sentinels, name, ...credentials(userinfo) };
  if (db !== undefined) options.db = Number(db);
  if (params.get('sentinelPassword')) options.sentinelPassword = params.get('sentinelPassword')!;
  if (params.get('sentinelUsername')) options.sentinelUsername = params.get('sentinelUsername')!;
  if (scheme === 'rediss') options.tls = {};
  if (params.get('sentinelTls') === 'true') options.sentinelTLS = {};
  if (scheme === 'rediss' || params.get('sentinelTls') === 'true') options.enableTLSForSentinelMode = true;
  return { kind: 'sentinel', options };
}

function hostPorts(hostList: string, defaultPort: number, what: string): RedisNode[] {
  return hostList.split(',').map((entry) => {
    const hostPort = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(entry.trim());
    if (!hostPort) throw new RedisUrlError(`REDIS_URL: bad ${what} address "${entry}"`);
    return { host: hostPort[1].replace(/^\[|\]$/g, ''), port: hostPort[2] ? Number(hostPort[2]) : defaultPort };
  });
}

function credentials(userinfo: string | undefined): Pick<RedisOptions, 'username' | 'password'> {
  if (!userinfo) return {};
  const colon = userinfo.indexOf(':');
  const username = decodeURIComponent(colon < 0 ? userinfo : userinfo.slice(0, colon));
  const password = colon < 0 ? '' : decodeURIComponent(userinfo.slice(colon + 1));
  return { ...(username ? { username } : {}), ...(password ? { password } : {}) };
}
