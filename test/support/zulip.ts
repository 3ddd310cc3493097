/** A small Zulip-dialect client for tests: HTTP Basic, form-encoded POSTs, query parameters elsewhere. */
export interface ZulipResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { result?: string; msg?: string; code?: string };
}

export function zulipApi(baseUrl: string, email?: string, apiKey?: string) {
  const auth: Record<string, string> =
    email !== undefined ? { authorization: `Basic ${Buffer.from(`${email}:${apiKey}`).toString('base64')}` } : {};
  const call = async (
    method: string,
    path: string,
    params: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<ZulipResponse> => {
    const url = new URL(`${baseUrl}/api/v1${path}`);
    const encoded = Object.entries(params).map(
      ([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)] as [string, string],
    );
    let body: string | undefined;
    if (method === 'POST') body = new URLSearchParams(encoded).toString();
    else for (const [key, value] of encoded) url.searchParams.append(key, value);
    const response = await fetch(url, {
      method,
      headers: {
        ...auth,
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as ZulipResponse['body'] };
  };
  return {
    get: (path: string, params?: Record<string, unknown>) => call('GET', path, params),
    post: (path: string, params?: Record<string, unknown>, headers?: Record<string, string>) =>
      call('POST', path, params, headers),
    patch: (path: string, params?: Record<string, unknown>) => call('PATCH', path, params),
    delete: (path: string, params?: Record<string, unknown>) => call('DELETE', path, params),
    call,
  };
}

export type ZulipApi = ReturnType<typeof zulipApi>;
