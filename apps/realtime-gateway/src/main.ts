import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  AppConfigModule,
  MetricsRegistry,
  accessLog,
  httpMetrics,
  DialectErrorFilter,
  JsonLogger,
  applyServerLimits,
  exitOnStartupError,
  handleShutdown,
  loadConfigFromEnvironment,
  requestId,
} from '@switchboard/platform';
import {
  RealtimeConfig,
  RealtimeGatewayModule,
  RealtimeWsAdapter,
  keepHeapNearLiveSize,
  realtimeDialectOf,
  serveZulipPollsRaw,
} from '@switchboard/realtime';

async function main(): Promise<void> {
  keepHeapNearLiveSize();
  const config = loadConfigFromEnvironment(RealtimeConfig);
  const logger = new JsonLogger('realtime-gateway', config.LOG_LEVEL);

  @Module({ imports: [AppConfigModule.register(config), RealtimeGatewayModule] })
  class AppModule {}

  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bodyParser: false });
  const log = accessLog(logger);
  const metrics = httpMetrics(app.get(MetricsRegistry));
  app.use(requestId, log, metrics);
  serveZulipPollsRaw(app, [log.record, metrics.record]);
  app.useWebSocketAdapter(new RealtimeWsAdapter(app));
  applyServerLimits(app.getHttpServer(), {
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    dialectOfPath: realtimeDialectOf,
  });
  app.useGlobalFilters(new DialectErrorFilter('corteza'));
  handleShutdown(app, logger, config.SHUTDOWN_GRACE_MS);
  await app.listen(config.PORT);
  logger.log({ msg: 'realtime-gateway listening', port: config.PORT }, 'Bootstrap');
}

main().catch((error: unknown) => exitOnStartupError('realtime-gateway', error));
