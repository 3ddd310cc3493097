import http from 'node:http';
import https from 'node:https';
import {
  ACTOR_HEADER,
  DomainError,
  ErrorCode,
  INTERNAL_PREFIX,
  INTERNAL_SECRET_HEADER,
  REQUEST_ID_HEADER,
  isErrorBody,
} from '@switchboard/contracts';

export interface InternalCall {
  actorId?: string;
  requestId?: string;
  query?: Record<string, string | string[] | number | boolean | undefined>;
  body?: unknown;
}

interface InternalResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Calls messaging-service's internal command API over HTTP keep-alive, with a bounded pool of
 * connections per process (requests beyond it wait for a free connection instead of opening new
 * ones). Plain node:http rather than fetch: a post crosses this hop every time, and fetch's
 * stream machinery cost more CPU than the request itself. Error bodies come back as DomainErrors
 * so every edge renders them in its dialect.
 */
export class MessagingClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(
    baseUrl: string,
    private readonly secret: string,
    private readonly timeoutMs = 10000,
    maxConnections = 64,
  ) {
    this.base = new URL(baseUrl);
    const Agent = this.base.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: maxConnections,
      maxFreeSockets: maxConnections,
      scheduling: 'lifo',
    });
  }

  async call<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    call: InternalCall = {},
  ): Promise<T> {
    const response = await this.send(method, path, call);
    const text = response.body.toString('utf8');
    const parsed: unknown = text ? safeParse(text) : undefined;
    if (response.status < 300) return parsed as T;
    if (isErrorBody(parsed) && response.status < 500) throw DomainError.fromBody(parsed);
    throw new DomainError(
      response.status === 503 ? ErrorCode.Unavailable : ErrorCode.Internal,
      'The messaging service failed',
    );
  }

  /** For byte payloads (attachment downloads): the body as bytes plus the response headers. */
  async callForBytes(
    method: 'GET' | 'POST',
    path: string,
    call: InternalCall = {},
  ): Promise<{ bytes: Buffer; headers: Headers }> {
    const response = await this.send(method, path, call);
    if (response.status < 300) return { bytes: response.body, headers: toHeaders(response.headers) };
    const parsed = safeParse(response.body.toString('utf8'));
    if (isErrorBody(parsed) && response.status < 500) throw DomainError.fromBody(parsed);
    throw new DomainError(
      response.status === 503 ? ErrorCode.Unavailable : ErrorCode.Internal,
      'The messaging service failed',
    );
  }

  async ready(): Promise<void> {
    const response = await this.request(
      'GET',
      new URL('/health/live', this.base),
      { accept: 'application/json' },
      undefined,
      2000,
    );
    if (response.status >= 300) throw new Error(`messaging-service answered ${response.status}`);
  }

  /** A Buffer body is sent as application/octet-stream, anything else as JSON. */
  private async send(method: string, path: string, call: InternalCall): Promise<InternalResponse> {
    const url = new URL(INTERNAL_PREFIX + path, this.base);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    const headers: Record<string, string> = { [INTERNAL_SECRET_HEADER]: this.secret, accept: 'application/json' };
    if (call.actorId) headers[ACTOR_HEADER] = call.actorId;
    if (call.requestId) headers[REQUEST_ID_HEADER] = call.requestId;
    let body: Buffer | string | undefined;
    if (call.body !== undefined) {
      const raw = Buffer.isBuffer(call.body);
      headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
      body = raw ? (call.body as Buffer) : JSON.stringify(call.body);
    }
    try {
      return await this.request(method, url, headers, body, this.timeoutMs);
    } catch {
      throw new DomainError(ErrorCode.Unavailable, 'The messaging service is unavailable');
    }
  }

  private request(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: Buffer | string | undefined,
    timeoutMs: number,
  ): Promise<InternalResponse> {
    const send = url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const req = send(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 502,
            headers: res.headers,
            body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
          });
        });
        res.on('error', fail);
      });
      // The whole exchange, queueing for a pooled connection included.
      const timer = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs);
      function fail(error: Error) {
        clearTimeout(timer);
        reject(error);
      }
      req.on('error', fail);
      req.end(body);
    });
  }
}

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
