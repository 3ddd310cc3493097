import { httpRequest } from './http';

/** A tiny REST client for the Messaging API (JSON in, status + body out). */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export function api(baseUrl: string, token?: string) {
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    const allHeaders: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers };
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      allHeaders['content-type'] ??= 'application/json';
    }
    const response = await httpRequest(baseUrl + path, { method, headers: allHeaders, body: payload });
    return {
      status: response.status,
      headers: response.headers,
      body: (response.text ? JSON.parse(response.text) : undefined) as T,
    };
  };
  return {
    get: <T = Record<string, unknown>>(path: string) => call<T>('GET', path),
    post: <T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body, headers),
    put: <T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('PUT', path, body, headers),
    delete: <T = Record<string, unknown>>(path: string) => call<T>('DELETE', path),
    call,
  };
}

export type Api = ReturnType<typeof api>;
