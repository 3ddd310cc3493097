import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ROOT, TEST_DATABASE_URL } from './env';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  json: Record<string, string>;
}

/** Runs the admin CLI from the build output against the test database. */
export function adminCli(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist/apps/messaging-service/cli.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: TEST_DATABASE_URL },
    encoding: 'utf8',
  });
  let json: Record<string, string> = {};
  try {
    json = JSON.parse(result.status === 0 ? result.stdout : result.stderr) as Record<string, string>;
  } catch {
    // left empty: the caller asserts on it
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json };
}

export interface TestUser {
  id: string;
  token: string;
  email: string;
  handle: string;
}

export interface TestOrg {
  id: string;
  admin: TestUser;
  users: TestUser[];
}

/** A new organisation per test suite, so suites never see each other's data. */
export function createOrg(extraUsers = 0, options: { bots?: number } = {}): TestOrg {
  const tag = randomUUID().slice(0, 8);
  const boot = adminCli(
    'admin',
    'bootstrap',
    '--org',
    `Test ${tag}`,
    '--email',
    `admin-${tag}@example.test`,
    '--name',
    `Admin ${tag}`,
  );
  if (boot.status !== 0) throw new Error(`bootstrap failed: ${boot.stderr}`);
  const admin = {
    id: boot.json.userID,
    token: boot.json.token,
    email: `admin-${tag}@example.test`,
    handle: boot.json.handle,
  };
  const users: TestUser[] = [];
  for (let i = 0; i < extraUsers + (options.bots ?? 0); i++) {
    const bot = i >= extraUsers;
    const email = `${bot ? 'bot' : 'user'}${i}-${tag}@example.test`;
    const created = adminCli(
      'admin',
      'user',
      'create',
      '--org',
      boot.json.organisationID,
      '--email',
      email,
      '--name',
      `${bot ? 'Bot' : 'User'} ${i}`,
      ...(bot ? ['--bot'] : []),
    );
    if (created.status !== 0) throw new Error(`user create failed: ${created.stderr}`);
    users.push({ id: created.json.userID, token: created.json.token, email, handle: created.json.handle });
  }
  return { id: boot.json.organisationID, admin, users };
}
