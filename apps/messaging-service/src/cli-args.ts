import { parseArgs } from 'node:util';

export const usage = [
  'migrate',
  'admin bootstrap --org NAME --email EMAIL --name NAME',
  'admin user create --org ORG_ID --email EMAIL --name NAME [--bot] [--admin]',
  'admin token create --user USER_ID [--label TEXT]',
  'admin app create --org ORG_ID --name NAME --events TYPE,TYPE [--handle HANDLE] [--request-url URL] [--socket-mode]',
  'admin app token create --app APP_ID --kind app|bot',
].join(' | ');

export type CliCommand =
  | { name: 'migrate' }
  | { name: 'bootstrap'; args: { org: string; email: string; name: string } }
  | { name: 'user create'; args: { org: string; email: string; name: string; bot: boolean; admin: boolean } }
  | { name: 'token create'; args: { user: string; label?: string } }
  | {
      name: 'app create';
      args: {
        org: string;
        name: string;
        handle?: string;
        eventTypes: string[];
        requestURL?: string;
        socketMode: boolean;
      };
    }
  | { name: 'app token create'; args: { app: string; kind: 'app' | 'bot' } };

const OPTIONS = {
  org: { type: 'string' },
  email: { type: 'string' },
  name: { type: 'string' },
  user: { type: 'string' },
  label: { type: 'string' },
  bot: { type: 'boolean', default: false },
  admin: { type: 'boolean', default: false },
  handle: { type: 'string' },
  events: { type: 'string' },
  'request-url': { type: 'string' },
  'socket-mode': { type: 'boolean', default: false },
  app: { type: 'string' },
  kind: { type: 'string' },
} as const;

function required(values: Record<string, unknown>, key: string): string {
  const value = values[key];
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`--${key} is required`);
  return value;
}

function id(values: Record<string, unknown>, key: string): string {
  const value = required(values, key);
  if (!/^[1-9][0-9]{0,18}$/.test(value)) throw new Error(`--${key} must be an id (a decimal number)`);
  return value;
}

export function parseCli(argv: string[]): CliCommand {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const words = positionals.join(' ');
  switch (words) {
    case 'migrate':
      return { name: 'migrate' };
    case 'admin bootstrap':
      return {
        name: 'bootstrap',
        args: { org: required(values, 'org'), email: required(values, 'email'), name: required(values, 'name') },
      };
    case 'admin user create':
      return {
        name: 'user create',
        args: {
          org: id(values, 'org'),
          email: required(values, 'email'),
          name: required(values, 'name'),
          bot: values.bot,
          admin: values.admin,
        },
      };
    case 'admin token create':
      return { name: 'token create', args: { user: id(values, 'user'), label: values.label } };
    case 'admin app create':
      return {
        name: 'app create',
        args: {
          org: id(values, 'org'),
          name: required(values, 'name'),
          handle: values.handle,
          eventTypes: required(values, 'events')
            .split(',')
            .map((type) => type.trim())
            .filter(Boolean),
          requestURL: values['request-url'],
          socketMode: values['socket-mode'],
        },
      };
    case 'admin app token create': {
      const kind = required(values, 'kind');
      if (kind !== 'app' && kind !== 'bot') throw new Error('--kind must be app or bot');
      return { name: 'app token create', args: { app: id(values, 'app'), kind } };
    }
    default:
      throw new Error(`unknown command "${words}"`);
  }
}
