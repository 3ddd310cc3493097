import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GatewayClientsModule } from '../gateway-clients.module';
import { EdgeRateLimits } from './edge-rate-limits';
import { HotPostRoute } from './hot-post-route';
import { PostCoalescer } from './post-coalescer';
import { RateLimiter } from './rate-limiter';

/** What main.ts mounts ahead of Nest (the edge rate limits, the hot post route and its coalescer) and the rate limiter. */
@Module({
  imports: [GatewayClientsModule, AuthModule],
  providers: [RateLimiter, EdgeRateLimits, HotPostRoute, PostCoalescer],
  exports: [RateLimiter, EdgeRateLimits, HotPostRoute],
})
export class GatewayHttpModule {}
