import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { adminCli } from '../support/admin';
import { ROOT } from '../support/env';

function startWith(app: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(ROOT, 'dist/apps', app, 'main.js')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 15000,
  });
}

describe('start-up configuration', () => {
  it.each([
    ['api-gateway', { PORT: 'eighty' }, /^Invalid configuration: PORT is malformed/],
    [
      'api-gateway',
      { REALTIME_PUBLIC_URL: 'http://not-a-socket' },
      /^Invalid configuration: REALTIME_PUBLIC_URL is malformed/,
    ],
    ['messaging-service', { DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL is malformed/],
    ['messaging-service', { INTERNAL_API_SECRET: 'short' }, /^Invalid configuration: INTERNAL_API_SECRET is malformed/],
    ['realtime-gateway', { RTM_MAX_FRAME_BYTES: '12' }, /^Invalid configuration: RTM_MAX_FRAME_BYTES is malformed/],
    ['webhook-dispatcher', { LOG_LEVEL: 'chatty' }, /^Invalid configuration: LOG_LEVEL is malformed/],
    [
      'messaging-service',
      { OUTBOX_RELAY_ENABLED: 'maybe' },
      /^Invalid configuration: OUTBOX_RELAY_ENABLED is malformed/,
    ],
  ])('%s refuses %j with one line naming the variable', (app, env, line) => {
    const result = startWith(app, env);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(line)]);
  });
});

describe('admin CLI', () => {
  it('bootstraps an organisation, creates users and tokens, printing JSON only', () => {
    const boot = adminCli(
      'admin',
      'bootstrap',
      '--org',
      'CLI Co',
      '--email',
      `cli-${Date.now()}@example.test`,
      '--name',
      'Cli Admin',
    );
    expect(boot.status).toBe(0);
    expect(boot.json).toMatchObject({
      organisationID: expect.stringMatching(/^\d+$/),
      userID: expect.stringMatching(/^\d+$/),
      token: expect.stringMatching(/^sbt_[A-Za-z0-9_-]{100}$/),
    });

    const bot = adminCli(
      'admin',
      'user',
      'create',
      '--org',
      boot.json.organisationID,
      '--email',
      `bot-${Date.now()}@example.test`,
      '--name',
      'Robot',
      '--bot',
    );
    expect(bot.status).toBe(0);
    expect(bot.json).toMatchObject({ kind: 'bot', role: 'member', token: expect.stringMatching(/^sbt_/) });

    const token = adminCli('admin', 'token', 'create', '--user', bot.json.userID);
    expect(token.status).toBe(0);
    expect(token.json.token).not.toBe(bot.json.token);
    expect(() => JSON.parse(token.stdout)).not.toThrow();
  });

  it.each([
    [['admin', 'bootstrap', '--org', 'X'], /--email is required/],
    [['admin', 'frobnicate'], /unknown command/],
    [['admin', 'user', 'create', '--org', '1', '--email', 'a@b.c', '--name', 'A'], /Organisation 1 not found/],
    [['admin', 'token', 'create', '--user', 'abc'], /--user must be an id/],
    [['admin', 'bootstrap', '--org', 'Y', '--email', 'not-an-email', '--name', 'Y'], /Invalid email/],
  ])('%j fails with a JSON error on stderr', (args, message) => {
    const result = adminCli(...args);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.json.error).toEqual(expect.objectContaining({ message: expect.stringMatching(message) }));
  });
});
