import http from 'node:http';
import fc from 'fast-check';

/**
 * Hostile-input building blocks for the property tests: generated values of wrong types and sizes,
 * malformed bodies, and a raw HTTP client that reports a dropped connection instead of throwing.
 */

/** Fixed by default so CI is reproducible; `npm run fuzz` raises the runs (FUZZ_RUNS) and may vary the seed. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 1414);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const NASTY_STRINGS = [
  '',
  '\u0000',
  'a\u0000b',
  '%00',
  '%',
  '%ZZ',
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'true',
  '99999999999999999999',
  '9223372036854775808',
  '18446744073709551616',
  '123456789012345678',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{"a":',
  '[[[[[[[[[[',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u200b\ufeff',
  '💥'.repeat(300),
  '__proto__',
  'constructor',
  ' ',
  '\r\n\r\nHTTP/1.1 200 OK',
] as const;

/** A string a hostile client might send: arbitrary code points (lone surrogates included), known troublemakers, big ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => s + '\u0000' + s) },
  { weight: 1, arbitrary: fc.constantFrom(300, 10_001, 20_000, 70_000).map((n) => 'x'.repeat(n)) },
);

/** Any JSON value of the wrong type or size, nested a little or a lot. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e308, true, false, null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype')),
      tie('value'),
      { maxKeys: 4 },
    ),
    fc.integer({ min: 40, max: 2000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
    fc.integer({ min: 1000, max: 20000 }).map((n) => Array.from({ length: n }, (_, i) => String(i))),
  ),
})).value;

/** One request body as bytes on the wire, with the content type it claims. */
export interface WireBody {
  contentType?: string;
  text: string;
}

/** Percent-encodes any string; lone surrogates (not encodable) become U+FFFD, as a browser would send them. */
export const encodeText = (text: string): string =>
  encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

const encodePair = ([key, value]: [string, unknown]) =>
  `${encodeText(key)}=${encodeText(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''))}`;

/** Bodies for an operation with these field names: JSON of wrong types, forms, malformed JSON/form/multipart, duplicates, pollution keys. */
export function hostileBody(fields: string[]): fc.Arbitrary<WireBody | undefined> {
  const names = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(fields.length ? fields : ['x'])) },
    fc.constantFrom('__proto__', 'constructor', '__proto__[polluted]', 'constructor[prototype][polluted]'),
    fc.string({ maxLength: 12 }),
  );
  const pairs = fc.array(fc.tuple(names, hostileValue), { maxLength: 6 });
  return fc.oneof(
    fc.constant(undefined),
    pairs.map((list) => ({ contentType: 'application/json', text: JSON.stringify(Object.fromEntries(list)) })),
    pairs.map((list) => ({
      contentType: 'application/json',
      text: `{${list.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')},${list.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`,
    })),
    hostileValue.map((value) => ({ contentType: 'application/json', text: JSON.stringify(value) ?? 'null' })),
    pairs.map((list) => ({
      contentType: 'application/x-www-form-urlencoded',
      text: [...list, ...list].map(encodePair).join('&'),
    })),
    pairs.map((list) => ({
      contentType: 'multipart/form-data; boundary=XyZ',
      text:
        list
          .map(
            ([k, v]) =>
              `--XyZ\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '')}"\r\n\r\n${typeof v === 'string' ? v : JSON.stringify(v)}\r\n`,
          )
          .join('') + '--XyZ--\r\n',
    })),
    fc.constantFrom<WireBody>(
      { contentType: 'application/json', text: '{"message": ' },
      { contentType: 'application/json', text: '\u0000' },
      { contentType: 'application/json', text: '{"message":"\\u0000"}' },
      { contentType: 'application/json', text: '{"a":1,"a":{"__proto__":{"polluted":1}}}' },
      { contentType: 'application/json; charset=utf-7', text: '{}' },
      { contentType: 'application/x-www-form-urlencoded', text: 'a=%ZZ&&==&%' },
      {
        contentType: 'multipart/form-data; boundary=XyZ',
        text: '--XyZ\r\nContent-Disposition: form-data; name="message"\r\n\r\nunterminated',
      },
      { contentType: 'multipart/form-data', text: 'no boundary at all' },
      { contentType: 'text/plain', text: 'message=hi' },
      { contentType: 'application/xml', text: '<message>hi</message>' },
      { contentType: 'application/json', text: 'x'.repeat(1024 * 1024 + 10) },
    ),
  );
}

/** A query string with hostile values for these names, duplicated names and pollution keys. */
export function hostileQuery(names: string[]): fc.Arbitrary<string> {
  const name = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(names.length ? names : ['q'])) },
    fc.constantFrom('__proto__[x]', 'constructor[prototype][x]', 'a[b][c][d][e][f][g]', 'x[]'),
  );
  const raw = fc.constantFrom('%00', '%ZZ', '%', '%E0%A4%A', '%FF%FE', '');
  return fc
    .array(fc.tuple(name, fc.oneof({ weight: 3, arbitrary: hostileString.map(encodeText) }, raw)), { maxLength: 5 })
    .chain((pairs) => fc.boolean().map((dup) => (dup ? [...pairs, ...pairs] : pairs)))
    .map((pairs) => pairs.map(([key, value]) => `${key.replace(/[^\x21-\x7e]/g, '')}=${value}`).join('&'));
}

/** A path segment where an id belongs: a real id, or anything else. */
export function hostilePathId(realIds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...realIds) },
    { weight: 3, arbitrary: hostileString.filter((s) => s.length < 5000).map(encodeText) },
    fc.constantFrom('%00', '%2e%2e', '..', '%2F', '-1', '0', '1.5', '1e3', '0x10', '99999999999999999999'),
  );
}

export type WireResult =
  | { kind: 'answered'; status: number; headers: http.IncomingHttpHeaders; text: string }
  | { kind: 'dropped'; error: string };

/** Sends exactly these bytes (path unnormalised) on a fresh connection; a reset or timeout is reported, not thrown. */
export function wireRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: WireBody,
  timeoutMs = 30_000,
): Promise<WireResult> {
  return new Promise((resolve) => {
    const url = new URL(baseUrl);
    const allHeaders: Record<string, string> = { ...headers };
    if (body?.contentType) allHeaders['content-type'] = body.contentType;
    if (body) allHeaders['content-length'] = String(Buffer.byteLength(body.text));
    let settled = false;
    const done = (result: WireResult) => {
      if (!settled) resolve(result);
      settled = true;
    };
    let request: http.ClientRequest;
    try {
      request = http.request(
        { host: url.hostname, port: url.port, method, path, headers: allHeaders, agent: false, timeout: timeoutMs },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            done({
              kind: 'answered',
              status: response.statusCode ?? 0,
              headers: response.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', (error) => done({ kind: 'dropped', error: String(error) }));
        },
      );
    } catch (error) {
      // Node refused to send it (e.g. characters a path may not hold): not a server finding.
      resolve({ kind: 'answered', status: 400, headers: {}, text: JSON.stringify({ clientRefused: String(error) }) });
      return;
    }
    request.on('timeout', () => {
      done({ kind: 'dropped', error: 'timeout' });
      request.destroy();
    });
    request.on('error', (error) => done({ kind: 'dropped', error: String(error) }));
    if (body) request.write(body.text);
    request.end();
  });
}

/** Counts generated cases per surface, printed once at the end of a suite. */
export class CaseCounter {
  private readonly counts = new Map<string, number>();

  count(surface: string): void {
    this.counts.set(surface, (this.counts.get(surface) ?? 0) + 1);
  }

  report(title: string): string {
    const rows = [...this.counts].map(([surface, n]) => `  ${surface.padEnd(28)} ${n}`);
    return `${title} (seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs per property):\n${rows.join('\n')}\n  ${'total'.padEnd(28)} ${[...this.counts.values()].reduce((a, b) => a + b, 0)}`;
  }
}
