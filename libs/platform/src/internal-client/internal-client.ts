import http from 'node:http';
import https from 'node:https';
import {
  ACTOR_HEADER,
  type AnyInternalRoute,
  DomainError,
  ErrorCode,
  INTERNAL_PREFIX,
  INTERNAL_SECRET_HEADER,
  type InternalMethod,
  type InternalRouteDef,
  REQUEST_ID_HEADER,
  type RouteArgs,
  type RouteResponse,
  VIEWER_CAPABILITIES_QUERY,
  fillPath,
  isErrorBody,
} from '@switchboard/contracts';

/** Who a call is made for: the acting user, the request it serves, and whether answers carry that user's capabilities. */
export interface InternalCaller {
  actorId?: string;
  requestId?: string;
  viewerCapabilities?: boolean;
}

interface WireInput {
  params?: Record<string, string | number>;
  query?: Record<string, unknown>;
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
export class InternalClient {
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

  /** Calls one declared route: path params, body and query as the route declares them, the answer as it declares. */
  async call<Route extends AnyInternalRoute>(
    caller: InternalCaller,
    route: Route,
    ...[input]: RouteArgs<Route>
  ): Promise<RouteResponse<Route>> {
    const response = await this.send(caller, route, (input ?? {}) as WireInput);
    const text = response.body.toString('utf8');
    const parsed: unknown = text ? safeParse(text) : undefined;
    if (response.status < 300) return parsed as RouteResponse<Route>;
    if (isErrorBody(parsed) && response.status < 500) throw DomainError.fromBody(parsed);
    throw new DomainError(
      response.status === 503 ? ErrorCode.Unavailable : ErrorCode.Internal,
      'The messaging service failed',
    );
  }

  /** For byte payloads (attachment downloads): the body as bytes plus the response headers. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async callForBytes<Route extends InternalRouteDef<InternalMethod, string, any, any, Buffer>>(
    caller: InternalCaller,
    route: Route,
    ...[input]: RouteArgs<Route>
  ): Promise<{ bytes: Buffer; headers: Headers }> {
    const response = await this.send(caller, route, (input ?? {}) as WireInput);
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
  private async send(caller: InternalCaller, route: AnyInternalRoute, call: WireInput): Promise<InternalResponse> {
    const url = new URL(INTERNAL_PREFIX + fillPath(route.path, call.params), this.base);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    if (caller.viewerCapabilities) url.searchParams.set(VIEWER_CAPABILITIES_QUERY, '1');
    const headers: Record<string, string> = { [INTERNAL_SECRET_HEADER]: this.secret, accept: 'application/json' };
    if (caller.actorId) headers[ACTOR_HEADER] = caller.actorId;
    if (caller.requestId) headers[REQUEST_ID_HEADER] = caller.requestId;
    let body: Buffer | string | undefined;
    if (call.body !== undefined) {
      const raw = Buffer.isBuffer(call.body);
      headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
      body = raw ? (call.body as Buffer) : JSON.stringify(call.body);
    }
    try {
      return await this.request(route.method, url, headers, body, this.timeoutMs);
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
