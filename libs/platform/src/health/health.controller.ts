import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthRegistry } from './health-registry';

@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** Liveness: the process answers. Dependencies are readiness's business. */
  @Get('live')
  @HttpCode(200)
  live(): { status: string; pid: number } {
    return { status: 'ok', pid: process.pid };
  }

  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const result = await this.registry.run();
    res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ok' : 'unavailable', checks: result.checks });
  }
}
