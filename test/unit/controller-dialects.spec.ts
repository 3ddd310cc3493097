import fs from 'node:fs';
import path from 'node:path';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DIALECTS, INTERNAL_PREFIX } from '@switchboard/contracts';
import { gatewayDialectOf } from '@switchboard/gateway';
import { declaredDialect } from '@switchboard/platform';
import { realtimeDialectOf } from '@switchboard/realtime';

const LIBS = path.resolve(__dirname, '../../libs');
/** Served on every app for probes and scrapes, to no client: their errors use the app's default dialect. */
const OPERATIONAL_PATHS = ['health', 'metrics'];

interface FoundController {
  file: string;
  name: string;
  path: string;
  controller: object;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Every class in libs/ decorated with @Controller (or @CortezaController, @InternalController, @ZulipController), found by reading the sources and loading the files that have one. */
function controllersInLibs(): { found: FoundController[]; declaredPerFile: Map<string, number> } {
  const found: FoundController[] = [];
  const declaredPerFile = new Map<string, number>();
  for (const file of sourceFiles(LIBS)) {
    const declared = fs.readFileSync(file, 'utf8').match(/^@(Corteza|Internal|Zulip)?Controller\(/gm)?.length ?? 0;
    if (declared === 0) continue;
    declaredPerFile.set(file, declared);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(file) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== 'function') continue;
      const routePath = Reflect.getMetadata(PATH_METADATA, value) as string | undefined;
      if (routePath !== undefined) found.push({ file, name, path: routePath, controller: value });
    }
  }
  return { found, declaredPerFile };
}

function isInternal(routePath: string): boolean {
  const normalised = routePath.replace(/^\/+/, '');
  return (
    normalised.startsWith(INTERNAL_PREFIX.replace(/^\/+/, '')) ||
    OPERATIONAL_PATHS.some((operational) => normalised === operational || normalised.startsWith(`${operational}/`))
  );
}

describe('every controller declares the dialect its errors are answered in', () => {
  const { found, declaredPerFile } = controllersInLibs();

  it('finds every @Controller class (all of them exported)', () => {
    expect(found.length).toBeGreaterThan(40);
    for (const [file, declared] of declaredPerFile)
      expect([path.relative(LIBS, file), found.filter((c) => c.file === file).length]).toEqual([
        path.relative(LIBS, file),
        declared,
      ]);
  });

  it('public controllers declare @Dialect; internal and operational ones need not', () => {
    const undeclared = found
      .filter((c) => declaredDialect(c.controller) === undefined && !isInternal(c.path))
      .map((c) => `${c.name} (${path.relative(LIBS, c.file)})`);
    expect(undeclared).toEqual([]);
    for (const c of found) {
      const dialect = declaredDialect(c.controller);
      if (dialect !== undefined) expect(DIALECTS).toContain(dialect);
    }
  });

  it.each([
    ['api-gateway', 'gateway', gatewayDialectOf],
    ['realtime-gateway', 'realtime', realtimeDialectOf],
  ])('%s controllers declare the dialect of the mount they are served under', (_app, lib, dialectOfPath) => {
    const controllers = found.filter((c) => c.file.startsWith(path.join(LIBS, lib)) && !isInternal(c.path));
    expect(controllers.length).toBeGreaterThan(0);
    for (const c of controllers) {
      const routePath = `/${c.path.replace(/^\/+/, '')}/any`.replace(/^\/\//, '/');
      expect([c.name, declaredDialect(c.controller)]).toEqual([c.name, dialectOfPath(routePath)]);
    }
  });
});
