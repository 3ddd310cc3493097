import { adminCli } from './admin';

export interface CreatedTestApp {
  appID: string;
  botUserID: string;
  botHandle: string;
  botToken: string;
  signingSecret: string;
}

/** `admin app create` from the build output: the app, its bot user and (shown once) bot token and signing secret. */
export function createApp(orgId: string, events: string, extra: string[] = []): CreatedTestApp {
  const created = adminCli(
    'admin',
    'app',
    'create',
    '--org',
    orgId,
    '--name',
    'Echo Bot',
    '--events',
    events,
    ...extra,
  );
  if (created.status !== 0) throw new Error(`app create failed: ${created.stderr}`);
  return created.json as unknown as CreatedTestApp;
}

export function appToken(appId: string, kind: 'app' | 'bot'): string {
  const created = adminCli('admin', 'app', 'token', 'create', '--app', appId, '--kind', kind);
  if (created.status !== 0) throw new Error(`app token create failed: ${created.stderr}`);
  return created.json.token;
}
