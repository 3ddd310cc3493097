import { ACTOR_HEADER, DomainError, ErrorCode, INTERNAL_PREFIX, INTERNAL_SECRET_HEADER, REQUEST_ID_HEADER, isErrorBody } from '@switchboard/contracts';

export interface InternalCall {
  actorId?: string;
  requestId?: string;
  query?: Record<string, string | string[] | number | boolean | undefined>;
  body?: unknown;
}

/**
 * Calls messaging-service's internal command API over HTTP keep-alive (Node's fetch pools
 * connections). Error bodies come back as DomainErrors so every edge renders them in its dialect.
 */
export class MessagingClient {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    private readonly timeoutMs = 10000,
  ) {}

  async call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, call: InternalCall = {}): Promise<T> {
    const response = await this.send(method, path, call);
    const text = await response.text();
    const parsed: unknown = text ? safeParse(text) : undefined;
    if (response.ok) return parsed as T;
    if (isErrorBody(parsed) && response.status < 500) throw DomainError.fromBody(parsed);
    throw new DomainError(response.status === 503 ? ErrorCode.Unavailable : ErrorCode.Internal, 'The messaging service failed');
  }

  /** For byte payloads (attachment downloads): the body as bytes plus the response headers. */
  async callForBytes(method: 'GET' | 'POST', path: string, call: InternalCall = {}): Promise<{ bytes: Buffer; headers: Headers }> {
    const response = await this.send(method, path, call);
    if (response.ok) return { bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
    const parsed = safeParse(await response.text());
    if (isErrorBody(parsed) && response.status < 500) throw DomainError.fromBody(parsed);
    throw new DomainError(response.status === 503 ? ErrorCode.Unavailable : ErrorCode.Internal, 'The messaging service failed');
  }

  /** A Buffer body is sent as application/octet-stream, anything else as JSON. */
  private async send(method: string, path: string, call: InternalCall): Promise<Response> {
    const url = new URL(INTERNAL_PREFIX + path, this.baseUrl);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    const headers: Record<string, string> = { [INTERNAL_SECRET_HEADER]: this.secret, accept: 'application/json' };
    if (call.actorId) headers[ACTOR_HEADER] = call.actorId;
    if (call.requestId) headers[REQUEST_ID_HEADER] = call.requestId;
    const raw = Buffer.isBuffer(call.body);
    if (call.body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';

    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: call.body === undefined ? undefined : raw ? (call.body as Buffer) : JSON.stringify(call.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw new DomainError(ErrorCode.Unavailable, 'The messaging service is unavailable');
    }
    return response;
  }

  async ready(): Promise<void> {
    const response = await fetch(new URL('/health/live', this.baseUrl), { signal: AbortSignal.timeout(2000) });
    if (!response.ok) throw new Error(`messaging-service answered ${response.status}`);
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
