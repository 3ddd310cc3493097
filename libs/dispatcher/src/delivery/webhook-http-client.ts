import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { type LookupFunction, isIP } from 'node:net';
import { forbiddenAddressReason } from './address-policy';
import type { TargetAnswer } from './delivery-outcome';

export interface PostOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  allowPrivateTargets: boolean;
}

class RefusedTarget extends Error {}

/**
 * POSTs one webhook body with Node's own http/https. The SSRF check runs where the socket is
 * opened: the agent's `lookup` resolves the name itself and hands the socket only addresses that
 * passed, so DNS rebinding between a check and the connect is impossible; IP literals are checked
 * before the request. Redirects are never followed, the answer is read up to a cap, and one timer
 * bounds the whole exchange.
 */
export class WebhookHttpClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly lookup: LookupFunction;

  constructor(private readonly options: PostOptions) {
    this.lookup = guardedLookup(options.allowPrivateTargets);
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 256 });
  }

  post(target: string, body: string, headers: Record<string, string>): Promise<TargetAnswer> {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return Promise.resolve({ kind: 'refused', reason: 'the URL is not valid' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve({ kind: 'refused', reason: `${url.protocol} URLs are not allowed` });
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !this.options.allowPrivateTargets) {
      const reason = forbiddenAddressReason(host);
      if (reason) return Promise.resolve({ kind: 'refused', reason: `${host} is ${reason}` });
    }
    return this.send(url, body, headers);
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private send(url: URL, body: string, headers: Record<string, string>): Promise<TargetAnswer> {
    const { timeoutMs, maxResponseBytes } = this.options;
    return new Promise<TargetAnswer>((resolve) => {
      let settled = false;
      const finish = (answer: TargetAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(answer);
      };
      const client = url.protocol === 'https:' ? https : http;
      const request = client.request(url, {
        method: 'POST',
        agent: url.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
        lookup: this.lookup,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Switchboard-Webhooks/1' },
      });
      const timer = setTimeout(() => {
        finish({ kind: 'timeout', afterMs: timeoutMs });
        request.destroy();
      }, timeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (error instanceof RefusedTarget) finish({ kind: 'refused', reason: error.message });
        else finish({ kind: 'network', message: error.code ?? error.message });
      });
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const done = () => finish({ kind: 'response', statusCode: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), truncated });
        response.on('data', (chunk: Buffer) => {
          if (truncated) return;
          if (size + chunk.length > maxResponseBytes) {
            truncated = true;
            chunks.push(chunk.subarray(0, maxResponseBytes - size));
            done();
            response.destroy();
            return;
          }
          size += chunk.length;
          chunks.push(chunk);
        });
        response.on('end', done);
        response.on('error', () => done());
      });
      request.end(body);
    });
  }
}

/** dns.lookup, keeping only addresses a webhook may reach; none left means the target is refused. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const allowed = allowPrivate ? addresses : addresses.filter((entry) => forbiddenAddressReason(entry.address) === null);
      if (allowed.length === 0) {
        const first = addresses[0];
        const reason = first ? `${hostname} resolves to ${first.address}, ${forbiddenAddressReason(first.address)}` : `${hostname} has no address`;
        return callback(new RefusedTarget(reason), '', 0);
      }
      if (options.all) return (callback as unknown as (err: null, addresses: typeof allowed) => void)(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
}
