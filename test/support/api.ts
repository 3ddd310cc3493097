/** A tiny REST client for the Messaging API (JSON in, status + body out). */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export function api(baseUrl: string, token?: string) {
  const call = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> => {
    const init: RequestInit = { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const response = await fetch(baseUrl + path, init).catch((error: unknown) => {
      // The admin CLI (spawnSync) blocks this process; meanwhile the server may close an idle
      // keep-alive socket (5 s) unseen, and the next request written to it never reaches the app.
      if (isStaleSocket(error)) return fetch(baseUrl + path, init);
      throw error;
    });
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

function isStaleSocket(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return cause?.code === 'UND_ERR_SOCKET' && cause.message === 'other side closed';
}
