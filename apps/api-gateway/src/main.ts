import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  ApiGatewayModule,
  EdgeRateLimits,
  GatewayConfig,
  HotPostRoute,
  bodyParsers,
  gatewayDialectOf,
  inputRules,
  serveOpenApi,
  urlLimit,
} from '@switchboard/gateway';
import {
  AppConfigModule,
  MetricsRegistry,
  accessLog,
  httpMetrics,
  DialectErrorFilter,
  JsonLogger,
  applyServerLimits,
  createValidationPipe,
  exitOnStartupError,
  handleShutdown,
  loadConfigFromEnvironment,
  requestId,
} from '@switchboard/platform';

async function main(): Promise<void> {
  const config = loadConfigFromEnvironment(GatewayConfig);
  const logger = new JsonLogger('api-gateway', config.LOG_LEVEL);

  @Module({ imports: [AppConfigModule.register(config), ApiGatewayModule] })
  class AppModule {}

  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bodyParser: false });
  app.set('query parser', 'extended');
  app.set('trust proxy', config.TRUSTED_PROXY_HOPS);
  app.disable('x-powered-by');
  applyServerLimits(app.getHttpServer(), {
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    dialectOfPath: gatewayDialectOf,
  });
  app.use(
    requestId,
    accessLog(logger),
    httpMetrics(app.get(MetricsRegistry)),
    urlLimit(config.MAX_URL_BYTES),
    app.get(EdgeRateLimits).middleware(),
  );
  app.use(...bodyParsers(config.MAX_BODY_BYTES), inputRules);
  app.use(app.get(HotPostRoute).router());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DialectErrorFilter('corteza'));
  serveOpenApi(app);
  handleShutdown(app, logger, config.SHUTDOWN_GRACE_MS);
  await app.listen(config.PORT);
  logger.log({ msg: 'api-gateway listening', port: config.PORT }, 'Bootstrap');
}

main().catch((error: unknown) => exitOnStartupError('api-gateway', error));
