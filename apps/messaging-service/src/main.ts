import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HotPostRoute, MessagePostBatcher, MessagingConfig, MessagingServiceModule } from '@switchboard/messaging';
import {
  AppConfigModule,
  MetricsRegistry,
  accessLog,
  httpMetrics,
  DialectErrorFilter,
  JsonLogger,
  applyServerLimits,
  createValidationPipe,
  rejectForbiddenInput,
  exitOnStartupError,
  handleShutdown,
  loadConfigFromEnvironment,
  requestId,
} from '@switchboard/platform';
import { Module } from '@nestjs/common';

async function main(): Promise<void> {
  const config = loadConfigFromEnvironment(MessagingConfig);
  const logger = new JsonLogger('messaging-service', config.LOG_LEVEL);

  @Module({ imports: [AppConfigModule.register(config), MessagingServiceModule] })
  class AppModule {}

  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bodyParser: false });
  app.use(requestId, accessLog(logger), httpMetrics(app.get(MetricsRegistry)));
  app.useBodyParser('json', { limit: '1mb' });
  // Attachment bytes forwarded by the api-gateway.
  app.useBodyParser('raw', { type: 'application/octet-stream', limit: config.ATTACHMENT_MAX_BYTES });
  app.use(rejectForbiddenInput, app.get(HotPostRoute).router());
  app.disable('etag');
  applyServerLimits(app.getHttpServer(), {
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DialectErrorFilter('corteza'));
  handleShutdown(app, logger, config.SHUTDOWN_GRACE_MS);
  await app.get(MessagePostBatcher).prepareConnections();
  await app.listen(config.PORT);
  logger.log({ msg: 'messaging-service listening', port: config.PORT }, 'Bootstrap');
}

main().catch((error: unknown) => exitOnStartupError('messaging-service', error));
