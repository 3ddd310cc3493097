/** A tiny REST client for the Messaging API (JSON in, status + body out). */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/**
 * createOrg() blocks the event loop in spawnSync for seconds; meanwhile the server closes the idle
 * keep-alive socket (5 s) and fetch then writes to it and fails with "other side closed" before the
 * server saw anything. Such a request was never received, so sending it once more is safe.
 */
async function fetchOnLiveSocket(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code !== 'UND_ERR_SOCKET' || cause.message !== 'other side closed') throw error;
    return fetch(url, init);
  }
}

export function api(baseUrl: string, token?: string) {
  const call = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> => {
    const init: RequestInit = { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const response = await fetchOnLiveSocket(baseUrl + path, init);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    get: <T = Record<string, unknown>>(path: string) => call<T>('GET', path),
    post: <T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
    put: <T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PUT', path, body, headers),
    delete: <T = Record<string, unknown>>(path: string) => call<T>('DELETE', path),
    call,
  };
}

export type Api = ReturnType<typeof api>;
