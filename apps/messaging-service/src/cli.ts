import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DomainError, cortezaIds } from '@switchboard/contracts';
import { ensureDatabase, runMigrations } from '@switchboard/db';
import { AdminService, MessagingConfig, MessagingDomainModule, SlackAppService } from '@switchboard/messaging';
import { AppConfigModule, ConfigError, loadConfigFromEnvironment } from '@switchboard/platform';
import { parseCli, usage } from './cli-args';

/**
 * `cli.js migrate` applies migrations (creating the database first if needed);
 * `cli.js admin <command>` runs an admin command. Output is JSON only, on stdout; errors are JSON
 * on stderr with a non-zero exit code.
 */
async function main(argv: string[]): Promise<unknown> {
  const command = parseCli(argv);
  const config = loadConfigFromEnvironment(MessagingConfig);
  if (command.name === 'migrate') {
    const created = await ensureDatabase(config.DATABASE_URL);
    return { databaseCreated: created, applied: await runMigrations(config.DATABASE_URL) };
  }

  @Module({ imports: [AppConfigModule.register(config), MessagingDomainModule] })
  class AdminModule {}

  const app = await NestFactory.createApplicationContext(AdminModule, { logger: false, abortOnError: false });
  try {
    const admin = app.get(AdminService);
    switch (command.name) {
      case 'bootstrap':
        return await admin.bootstrap(command.args);
      case 'user create':
        return await admin.createUser(command.args);
      case 'token create':
        return await admin.createToken(command.args);
      case 'app create':
        return cortezaIds(await app.get(SlackAppService).create(command.args.org, null, command.args));
      case 'app token create':
        return cortezaIds(await app.get(SlackAppService).createToken(command.args.app, command.args.kind));
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    const body =
      error instanceof DomainError
        ? error.toBody()
        : {
            error: {
              code: error instanceof ConfigError ? 'invalid_configuration' : 'failed',
              message: error instanceof Error ? error.message : String(error),
              usage,
            },
          };
    process.stderr.write(`${JSON.stringify(body)}\n`);
    process.exit(error instanceof DomainError || error instanceof ConfigError ? 2 : 1);
  },
);
