import type { RedisOptions } from 'ioredis';

/**
 * What `REDIS_URL` names: one Redis (`redis://`, `rediss://` for TLS), or a primary found through
 * Sentinel: `redis+sentinel://[[user]:password@]host:port[,host:port…]/<primary name>[/<db>]`
 * (`rediss+sentinel://` for TLS to Redis), with `?sentinelPassword=…&sentinelUsername=…` when
 * the sentinels require auth and `?sentinelTls=true` when they speak TLS. The password in the
 * user part is Redis's, as in a plain URL.
 */
export type RedisTarget = { kind: 'single'; url: string } | { kind: 'sentinel'; options: RedisOptions };

export const REDIS_URL_SCHEMES = ['redis', 'rediss', 'redis+sentinel', 'rediss+sentinel'];

export class RedisUrlError extends Error {}

export function parseRedisUrl(url: string): RedisTarget {
  const match = /^(rediss?)\+sentinel:\/\/(?:([^@/]*)@)?([^/?#]+)(\/[^?#]*)?(?:\?([^#]*))?$/.exec(url);
  if (!match) {
    if (/^rediss?:\/\/\S+$/.test(url)) return { kind: 'single', url };
    throw new RedisUrlError('REDIS_URL must be a redis://, rediss://, redis+sentinel:// or rediss+sentinel:// URL');
  }
  const [, scheme, userinfo, hostList, path = '', query = ''] = match;
  const sentinels = hostList.split(',').map((entry) => {
    const hostPort = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(entry.trim());
    if (!hostPort) throw new RedisUrlError(`REDIS_URL: bad sentinel address "${entry}"`);
    return { host: hostPort[1].replace(/^\[|\]$/g, ''), port: hostPort[2] ? Number(hostPort[2]) : 26379 };
  });
  const [name, db] = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (!name) throw new RedisUrlError('REDIS_URL: a sentinel URL must name the primary: redis+sentinel://host:26379/<name>');
  if (db !== undefined && !/^\d{1,2}$/.test(db)) throw new RedisUrlError(`REDIS_URL: bad database number "${db}"`);
  const params = new URLSearchParams(query);
  const options: RedisOptions = { sentinels, name };
  if (db !== undefined) options.db = Number(db);
  if (userinfo) {
    const colon = userinfo.indexOf(':');
    const username = decodeURIComponent(colon < 0 ? userinfo : userinfo.slice(0, colon));
    const password = colon < 0 ? '' : decodeURIComponent(userinfo.slice(colon + 1));
    if (username) options.username = username;
    if (password) options.password = password;
  }
  if (params.get('sentinelPassword')) options.sentinelPassword = params.get('sentinelPassword')!;
  if (params.get('sentinelUsername')) options.sentinelUsername = params.get('sentinelUsername')!;
  if (scheme === 'rediss') options.tls = {};
  if (params.get('sentinelTls') === 'true') options.sentinelTLS = {};
  if (scheme === 'rediss' || params.get('sentinelTls') === 'true') options.enableTLSForSentinelMode = true;
  return { kind: 'sentinel', options };
}
