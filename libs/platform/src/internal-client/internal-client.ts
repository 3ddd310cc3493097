import { Pool } from 'undici';
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
import { type BufferedAnswer, dispatchBuffered } from './buffered-exchange';

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

/**
 * Calls messaging-service's internal command API over HTTP keep-alive, with a bounded pool of
 * connections per process (requests beyond it wait for a free connection instead of opening new
 * ones). undici's pool through `dispatch` with a buffering handler, neither fetch nor node:http: a
 * post crosses this hop every time, and node:http's client cost twice the CPU per request (81 vs
 * 34 µs in a loopback micro-benchmark), fetch's streams more. Error bodies come back as
 * DomainErrors so every edge renders them in its dialect.
 */
export class InternalClient {
  private readonly pool: Pool;

  constructor(
    baseUrl: string,
    private readonly secret: string,
    private readonly timeoutMs = 10000,
    maxConnections = 64,
  ) {
    this.pool = new Pool(new URL(baseUrl).origin, { connections: maxConnections, pipelining: 1 });
  }

  /** Calls one declared route: path params, body and query as the route declares them, the answer as it declares. */
  async call<Route extends AnyInternalRoute>(
    caller: InternalCaller,
    route: Route,
    ...[input]: RouteArgs<Route>
  ): Promise<RouteResponse<Route>> {
    const response = await this.send(caller, route, (input ?? {}) as WireInput);
    const text = response.body.toString('utf8');
    return internalAnswer<RouteResponse<Route>>(response.status, text ? safeParse(text) : undefined);
  }

  /** For byte payloads (attachment downloads): the body as bytes plus the response headers. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async callForBytes<Route extends InternalRouteDef<InternalMethod, string, any, any, Buffer>>(
    caller: InternalCaller,
    route: Route,
    ...[input]: RouteArgs<Route>
  ): Promise<{ bytes: Buffer; headers: Headers }> {
    const response = await this.send(caller, route, (input ?? {}) as WireInput);
    if (response.status < 300) return { bytes: response.body, headers: toHeaders(response.rawHeaders) };
    return internalAnswer(response.status, safeParse(response.body.toString('utf8')));
  }

  async ready(): Promise<void> {
    const response = await dispatchBuffered(
      this.pool,
      { path: '/health/live', method: 'GET', headers: { accept: 'application/json' } },
      2000,
    );
    if (response.status >= 300) throw new Error(`messaging-service answered ${response.status}`);
  }

  /** A Buffer body is sent as application/octet-stream, anything else as JSON. */
  private async send(caller: InternalCaller, route: AnyInternalRoute, call: WireInput): Promise<BufferedAnswer> {
    const search = call.query || caller.viewerCapabilities ? searchOf(call.query, caller.viewerCapabilities) : '';
    const headers: Record<string, string> = { [INTERNAL_SECRET_HEADER]: this.secret, accept: 'application/json' };
    if (caller.actorId) headers[ACTOR_HEADER] = caller.actorId;
    if (caller.requestId) headers[REQUEST_ID_HEADER] = caller.requestId;
    let body: Buffer | string | undefined;
    if (call.body !== undefined) {
      const raw = Buffer.isBuffer(call.body);
      headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
      body = raw ? (call.body as Buffer) : JSON.stringify(call.body);
    }
    const path = INTERNAL_PREFIX + fillPath(route.path, call.params) + search;
    try {
      return await dispatchBuffered(this.pool, { path, method: route.method, headers, body }, this.timeoutMs);
    } catch {
      throw new DomainError(ErrorCode.Unavailable, 'The messaging service is unavailable');
    }
  }
}

/** The query string of a call (with its leading `?`), or '' when it has none. */
function searchOf(input: Record<string, unknown> | undefined, viewerCapabilities: boolean | undefined): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(input ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
  }
  if (viewerCapabilities) query.set(VIEWER_CAPABILITIES_QUERY, '1');
  return query.size > 0 ? `?${query.toString()}` : '';
}

/** A parsed internal answer as its caller sees it: the value, or the DomainError that its status and body say. */
export function internalAnswer<T>(status: number, parsed: unknown): T {
  if (status < 300) return parsed as T;
  if (isErrorBody(parsed) && status < 500) throw DomainError.fromBody(parsed);
  throw new DomainError(status === 503 ? ErrorCode.Unavailable : ErrorCode.Internal, 'The messaging service failed');
}

function toHeaders(raw: Buffer[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i].toString('latin1'), raw[i + 1].toString('latin1'));
  return headers;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
