import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigError extends Error {}

/**
 * Reads an app's settings from the environment into a validated, typed object. Every app calls
 * this once at start-up; nothing else reads the environment. Defaults live on the class fields.
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv): T {
  const defaults = new schema() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    raw[key] = value === undefined || value === '' ? defaults[key] : value;
  }
  const config = plainToInstance(schema, raw, { enableImplicitConversion: false });
  const [first] = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  if (first) {
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const given = env[first.property];
    const shown = given === undefined || given === '' ? 'missing' : 'malformed';
    throw new ConfigError(`Invalid configuration: ${first.property} is ${shown} (${reason})`);
  }
  return config;
}

/** The one place the process environment is read: each app's validated settings. */
export function loadConfigFromEnvironment<T extends object>(schema: new () => T): T {
  return loadConfig(schema, process.env);
}
