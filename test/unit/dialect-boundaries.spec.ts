import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The same table eslint.config.mjs enforces with no-restricted-imports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { forbiddenImports } = require('../../scripts/dialect-boundaries.js') as {
  forbiddenImports: Record<string, Record<string, string[]>>;
};

const ROOT = path.resolve(__dirname, '../..');

/** The top-level folder of `root` that a file (absolute path) lies in, or null for a file at the root itself. */
function folderOf(root: string, file: string): string | null {
  const parts = path.relative(root, file).split(path.sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : null;
}

/** Every module a source imports, re-exports or loads dynamically, as written. */
function specifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

/** The imports of one file (absolute path) that reach a folder its own folder may not import. */
function violationsIn(root: string, file: string, source: string): string[] {
  const folder = folderOf(root, file);
  const forbidden = (folder && forbiddenImports[path.relative(ROOT, root)]?.[folder]) || [];
  return specifiers(source)
    .filter((specifier) => specifier.startsWith('.'))
    .filter((specifier) => {
      const target = folderOf(root, path.resolve(path.dirname(file), specifier));
      return target !== null && forbidden.includes(target);
    })
    .map((specifier) => `${path.relative(ROOT, file)} imports ${specifier}`);
}

function sourcesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('dialect boundaries', () => {
  const roots = Object.keys(forbiddenImports).map((root) => path.join(ROOT, root));

  it.each(roots)('%s: no dialect folder imports another, and the hub imports none', (root) => {
    const files = sourcesUnder(root);
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((file) => violationsIn(root, file, fs.readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('every folder the table names exists', () => {
    for (const [root, folders] of Object.entries(forbiddenImports))
      for (const folder of new Set([...Object.keys(folders), ...Object.values(folders).flat()]))
        expect(`${root}/${folder}: ${fs.existsSync(path.join(ROOT, root, folder))}`).toBe(`${root}/${folder}: true`);
  });

  it('catches a forbidden import in any form, and lets allowed ones through', () => {
    const realtime = path.join(ROOT, 'libs/realtime/src');
    const gateway = path.join(ROOT, 'libs/gateway/src');
    const source = [
      "import { RenderCache } from '../slack/render-cache';",
      "import type { AppConnection } from '../slack-apps/app-connection';",
      "export { RtmConnection } from '../connections/rtm-connection';",
      "const lazy = () => import('../slack/event-router');",
      "import { EventHub } from '../hub/event-hub';",
      "import { RealtimeConfig } from '../realtime.config';",
      "import { QueueStore } from './queue.store';",
      "import { eventChannel } from '@switchboard/contracts';",
    ].join('\n');
    expect(violationsIn(realtime, path.join(realtime, 'zulip/queue-waker.ts'), source)).toEqual([
      'libs/realtime/src/zulip/queue-waker.ts imports ../slack/render-cache',
      'libs/realtime/src/zulip/queue-waker.ts imports ../slack-apps/app-connection',
      'libs/realtime/src/zulip/queue-waker.ts imports ../connections/rtm-connection',
      'libs/realtime/src/zulip/queue-waker.ts imports ../slack/event-router',
    ]);
    expect(
      violationsIn(realtime, path.join(realtime, 'hub/event-hub.ts'), "import { Q } from '../zulip/queue-waker';"),
    ).toHaveLength(1);
    expect(
      violationsIn(gateway, path.join(gateway, 'slack/web-api/apps.methods.ts'), "import { Z } from '../../zulip/x';"),
    ).toEqual(['libs/gateway/src/slack/web-api/apps.methods.ts imports ../../zulip/x']);
    // The slack/ side may use what is shared.
    expect(violationsIn(realtime, path.join(realtime, 'slack/event-router.ts'), source)).toEqual([]);
  });
});
