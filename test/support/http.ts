import http from 'node:http';

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * A plain HTTP request on a fresh connection. Tests avoid the global fetch pool: suites run one
 * after another in one process, ports get reused, and a pooled keep-alive socket to the previous
 * suite's (stopped) server would fail the next suite's first request.
 */
export function httpRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const headers = {
      ...init.headers,
      ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}),
    };
    const request = http.request(url, { method: init.method ?? 'GET', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    if (init.body !== undefined) request.write(init.body);
    request.end();
  });
}
