import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, type Dispatcher, util } from 'undici';
import { forbiddenAddressReason } from './address-policy';
import type { TargetAnswer } from './delivery-outcome';
import { type ParsedTarget, parseTarget } from './target-url';

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
const USER_AGENT = 'Switchboard-Webhooks/1';

class RefusedTarget extends Error {}

/**
 * POSTs one webhook body through an undici Agent: one connection pool per target origin, kept
 * alive between deliveries. The SSRF check runs where a socket is opened: the connector's `lookup`
 * resolves the name itself and hands the socket only addresses that passed, so DNS rebinding
 * between a check and the connect is impossible, and a reused connection stays on the address that
 * was checked; IP literals (which are never looked up) are checked before the request. Redirects
 * are never followed, the answer is read up to a cap, and one timer bounds the whole exchange.
 *
 * Requests go through undici's `dispatch` with a small handler (no Response or body stream per
 * delivery): at a thousand deliveries a second those objects were a large part of the CPU.
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
    const parsed = parseTarget(target);
    if ('invalid' in parsed) return Promise.resolve({ kind: 'refused', reason: parsed.invalid });
    if (parsed.ipLiteral && !this.options.allowPrivateTargets) {
      const reason = forbiddenAddressReason(parsed.hostname);
      if (reason) return Promise.resolve({ kind: 'refused', reason: `${parsed.hostname} is ${reason}` });
    }
    return this.send(parsed, body, headers);
  }

  close(): void {
    void this.agent.destroy().catch(() => undefined);
  }

  private send(target: ParsedTarget, body: string, headers: Record<string, string>): Promise<TargetAnswer> {
    const all = { ...headers, 'content-type': 'application/json', 'user-agent': USER_AGENT };
    return new Promise((resolve) => {
      const exchange = new Exchange(this.options.maxResponseBytes, this.options.timeoutMs, resolve);
      this.agent.dispatch({ origin: target.origin, path: target.path, method: 'POST', headers: all, body }, exchange);
    });
  }
}

/** One request's handler (undici's dispatch protocol): collects the answer up to the cap, bounded by one timer. */
class Exchange implements Dispatcher.DispatchHandler {
  private abortRequest: ((reason?: Error) => void) | null = null;
  private settled = false;
  private timedOut = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  private statusCode = 0;
  private rawHeaders: Buffer[] = [];
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly timeoutMs: number,
    private readonly resolve: (answer: TargetAnswer) => void,
  ) {
    this.timer = setTimeout(() => this.timeout(), timeoutMs);
  }

  onConnect(abort: (reason?: Error) => void): void {
    this.abortRequest = abort;
    if (this.timedOut || this.settled) abort(new Error('request ended'));
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    // 1xx answers come before the real one; only the last call counts.
    this.statusCode = statusCode;
    this.rawHeaders = rawHeaders;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.settled) return true;
    if (this.size + chunk.length > this.maxBytes) {
      this.chunks.push(chunk.subarray(0, this.maxBytes - this.size));
      this.answer(true);
      // The rest is not read: the connection is dropped instead.
      this.abortRequest?.(new Error('answer larger than the size cap'));
      return true;
    }
    this.size += chunk.length;
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.answer(false);
  }

  onError(error: Error): void {
    if (this.timedOut) return;
    const refused = findRefusal(error);
    if (refused) return this.finish({ kind: 'refused', reason: refused.message });
    const code = (error as NodeJS.ErrnoException).code;
    this.finish({ kind: 'network', message: code ?? error.message });
  }

  private timeout(): void {
    if (this.settled) return;
    this.timedOut = true;
    this.finish({ kind: 'timeout', afterMs: this.timeoutMs });
    this.abortRequest?.(new Error('timed out'));
  }

  private answer(truncated: boolean): void {
    if (this.settled) return;
    const body =
      this.chunks.length === 0
        ? ''
        : this.chunks.length === 1
          ? this.chunks[0].toString('utf8')
          : Buffer.concat(this.chunks).toString('utf8');
    this.finish({
      kind: 'response',
      statusCode: this.statusCode,
      headers: util.parseHeaders(this.rawHeaders),
      body,
      truncated,
    });
  }

  private finish(answer: TargetAnswer): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.resolve(answer);
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
