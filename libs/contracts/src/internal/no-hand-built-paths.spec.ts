import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The internal API's paths are written once, in internal-routes.ts. This test fails on a source file
 * that builds one by hand: an `/internal` literal, a client call given a method and a path, or an
 * internal controller method mapped with @Get/@Post/... instead of @InternalRoute.
 */
const root = join(__dirname, '../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

// The e2e tests call the public surfaces by path, which is what they test.
const files = ['libs', 'apps'].flatMap((dir) => sources(join(root, dir)));
const text = new Map(files.map((file) => [relative(root, file), readFileSync(file, 'utf8')]));

function offenders(pattern: RegExp, allowed: string[] = []): string[] {
  return [...text].filter(([file, source]) => !allowed.includes(file) && pattern.test(source)).map(([file]) => file);
}

describe('internal paths are declared only in the contract', () => {
  it('writes no /internal literal outside internal-api.ts', () => {
    expect(offenders(/['"`]\/internal\b/, ['libs/contracts/src/internal/internal-api.ts'])).toEqual([]);
  });

  it('joins INTERNAL_PREFIX to a path only in the internal client', () => {
    expect(
      offenders(/INTERNAL_PREFIX\s*\+|\$\{INTERNAL_PREFIX\}/, ['libs/platform/src/internal-client/internal-client.ts']),
    ).toEqual([]);
  });

  it('calls messaging with a route, never a method and a path', () => {
    expect(
      offenders(
        /\b(call|callForBytes|forward|forwardForViewer)(<[^>()]*>)?\(\s*([\w.]+\s*,\s*){0,2}['"`](GET|POST|PUT|PATCH|DELETE)['"`]\s*,\s*(['"`]\/|\w*[pP]ath\b)/,
      ),
    ).toEqual([]);
  });

  it('maps internal controller methods with @InternalRoute only', () => {
    const internal = [...text].filter(([, source]) =>
      /@Controller\(INTERNAL_PREFIX\)|@InternalController\(/.test(source),
    );
    expect(internal.length).toBeGreaterThan(0);
    const mapped = internal
      .filter(([, source]) => /@(Get|Post|Put|Patch|Delete|All)\(/.test(source))
      .map(([file]) => file);
    expect(mapped).toEqual([]);
  });
});
