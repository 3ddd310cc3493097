import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Type-checks one source file of the project as it is, and with `edit` applied, and returns the
 * errors of that file. The rest of the program is read from disk, with the project's settings.
 */
function errorsOf(relativeFile: string, edit: (source: string) => string): { before: string[]; after: string[] } {
  const file = path.join(ROOT, relativeFile);
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, 'tsconfig.base.json'),
    { noEmit: true },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  )!;
  const check = (content: string | null) => {
    const host = ts.createCompilerHost(config.options);
    const read = host.readFile.bind(host);
    host.readFile = (name) => (content !== null && path.resolve(name) === file ? content : read(name));
    const program = ts.createProgram([file], config.options, host);
    return ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  };
  const source = ts.sys.readFile(file)!;
  const edited = edit(source);
  expect(edited).not.toBe(source);
  return { before: check(null), after: check(edited) };
}

describe('event translators are exhaustive: dropping a domain event type fails the typecheck', () => {
  it('Zulip: removing the message.pinned entry is a compile error', () => {
    const { before, after } = errorsOf('libs/realtime/src/zulip/zulip-event-translator.ts', (source) =>
      source.replace(/^\s*'message\.pinned': nothing,\n/m, ''),
    );
    expect(before).toEqual([]);
    expect(after.join('\n')).toMatch(/message\.pinned/);
  }, 60_000);

  it('Slack RTM: removing the permissions.rules_changed case of the delivery plan is a compile error', () => {
    const { before, after } = errorsOf('libs/realtime/src/slack/delivery-plan.ts', (source) =>
      source.replace(/^\s*case 'permissions\.rules_changed':\n.*\n/m, ''),
    );
    expect(before).toEqual([]);
    expect(after.length).toBeGreaterThan(0);
  }, 60_000);
});
