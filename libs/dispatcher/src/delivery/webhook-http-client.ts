import { lookup as dnsLookup } from 'node:dns';
import { type LookupFunction, isIP } from 'node:net';
import { Agent } from 'undici';
import { forbiddenAddressReason } from './address-policy';
import type { TargetAnswer } from './delivery-outcome';

export interface PostOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  allowPrivateTargets: boolean;
  /** Kept-alive connections per target (origin); the per-target semaphore caps requests in flight anyway. */
  connectionsPerTarget?: number;
}

// Idle connections to a target are kept this long (unless the target says less), so a busy
// webhook's deliveries reuse them instead of opening one per request.
const KEEP_ALIVE_MS = 30_000;

class RefusedTarget extends Error {}

/**
 * POSTs one webhook body through an undici Agent: one connection pool per target origin, kept
 * alive between deliveries. The SSRF check runs where a socket is opened: the connector's `lookup`
 * resolves the name itself and hands the socket only addresses that passed, so DNS rebinding
 * between a check and the connect is impossible, and a reused connection stays on the address that
 * was checked; IP literals (which are never looked up) are checked before the request. Redirects
 * are never followed, the answer is read up to a cap, and one timer bounds the whole exchange.
 */
export class WebhookHttpClient {
  private readonly agent: Agent;

  constructor(private readonly options: PostOptions) {
    this.agent = new Agent({
      connections: options.connectionsPerTarget ?? null,
      keepAliveTimeout: KEEP_ALIVE_MS,
      keepAliveMaxTimeout: KEEP_ALIVE_MS,
      connect: { lookup: guardedLookup(options.allowPrivateTargets), timeout: options.timeoutMs },
    });
  }

  post(target: string, body: string, headers: Record<string, string>): Promise<TargetAnswer> {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return Promise.resolve({ kind: 'refused', reason: 'the URL is not valid' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return Promise.resolve({ kind: 'refused', reason: `${url.protocol} URLs are not allowed` });
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !this.options.allowPrivateTargets) {
      const reason = forbiddenAddressReason(host);
      if (reason) return Promise.resolve({ kind: 'refused', reason: `${host} is ${reason}` });
    }
    return this.send(url, body, headers);
  }

  close(): void {
    void this.agent.destroy().catch(() => undefined);
  }

  private async send(url: URL, body: string, headers: Record<string, string>): Promise<TargetAnswer> {
    const { timeoutMs, maxResponseBytes } = this.options;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const response = await this.agent.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Switchboard-Webhooks/1' },
        body,
        signal: abort.signal,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        if (size + chunk.length > maxResponseBytes) {
          chunks.push(chunk.subarray(0, maxResponseBytes - size));
          truncated = true;
          break; // ends the stream; undici drops that connection instead of reading the rest
        }
        size += chunk.length;
        chunks.push(chunk);
      }
      return {
        kind: 'response',
        statusCode: response.statusCode,
        headers: response.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        truncated,
      };
    } catch (error) {
      if (abort.signal.aborted) return { kind: 'timeout', afterMs: timeoutMs };
      const refused = findRefusal(error);
      if (refused) return { kind: 'refused', reason: refused.message };
      const code = (error as NodeJS.ErrnoException).code;
      return { kind: 'network', message: code ?? (error instanceof Error ? error.message : String(error)) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function findRefusal(error: unknown): RefusedTarget | null {
  for (
    let current = error, depth = 0;
    current && depth < 5;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    if (current instanceof RefusedTarget) return current;
  }
  return null;
}

/** dns.lookup, keeping only addresses a webhook may reach; none left means the target is refused. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const allowed = allowPrivate
        ? addresses
        : addresses.filter((entry) => forbiddenAddressReason(entry.address) === null);
      if (allowed.length === 0) {
        const first = addresses[0];
        const reason = first
          ? `${hostname} resolves to ${first.address}, ${forbiddenAddressReason(first.address)}`
          : `${hostname} has no address`;
        return callback(new RefusedTarget(reason), '', 0);
      }
      if (options.all) return (callback as unknown as (err: null, addresses: typeof allowed) => void)(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
}
