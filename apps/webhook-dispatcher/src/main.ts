import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DispatcherConfig, WebhookDispatcherModule } from '@switchboard/dispatcher';
import {
  AppConfigModule,
  DialectErrorFilter,
  JsonLogger,
  exitOnStartupError,
  handleShutdown,
  loadConfigFromEnvironment,
} from '@switchboard/platform';

/** The worker process; its HTTP port serves health and Prometheus metrics (/metrics) only. */
async function main(): Promise<void> {
  const config = loadConfigFromEnvironment(DispatcherConfig);
  const logger = new JsonLogger('webhook-dispatcher', config.LOG_LEVEL);

  @Module({ imports: [AppConfigModule.register(config), WebhookDispatcherModule] })
  class AppModule {}

  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bodyParser: false });
  app.useGlobalFilters(new DialectErrorFilter('corteza'));
  handleShutdown(app, logger, config.SHUTDOWN_GRACE_MS);
  await app.listen(config.PORT);
  logger.log({ msg: 'webhook-dispatcher listening', port: config.PORT }, 'Bootstrap');
}

main().catch((error: unknown) => exitOnStartupError('webhook-dispatcher', error));
