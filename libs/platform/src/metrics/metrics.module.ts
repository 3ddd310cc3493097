import { Controller, Get, Global, Module, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One prom-client registry per process, with Node's default metrics, served as Prometheus text on
 * `GET /metrics`. An app adopts it by importing MetricsModule and injecting MetricsRegistry to
 * register its own counters and histograms.
 */
export class MetricsRegistry extends Registry {}

@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get()
  async metrics(@Res() res: Response): Promise<void> {
    res
      .status(200)
      .type(this.registry.contentType)
      .send(await this.registry.metrics());
  }
}

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: MetricsRegistry,
      useFactory: () => {
        const registry = new MetricsRegistry();
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
  ],
  exports: [MetricsRegistry],
})
export class MetricsModule {}
