import { Module } from '@nestjs/common';
import type { RedisClient } from '@switchboard/platform';
import { MetricsRegistry } from '@switchboard/platform';
import { EventHub } from '../hub/event-hub';
import { RealtimeMetrics } from '../realtime-metrics';
import { REALTIME_REDIS } from '../realtime-redis';
import { RealtimeClientsModule } from '../realtime-clients.module';
import { ConnectionRegistry } from './connection-registry';
import { PresenceTracker } from './presence-tracker';
import { RealtimeReplica } from './realtime-replica';
import { ResumePoints } from './resume-points';
import { SessionBudget } from './session-budget';

/** This replica's sockets: the registry, their presence, the replica's registration and resume points, session budgets, metrics. */
@Module({
  imports: [RealtimeClientsModule],
  providers: [
    ConnectionRegistry,
    {
      provide: RealtimeMetrics,
      inject: [MetricsRegistry, ConnectionRegistry, EventHub],
      useFactory: (registry: MetricsRegistry, connections: ConnectionRegistry, hub: EventHub) =>
        new RealtimeMetrics(registry, connections, hub),
    },
    RealtimeReplica,
    ResumePoints,
    { provide: SessionBudget, inject: [REALTIME_REDIS], useFactory: (redis: RedisClient) => new SessionBudget(redis) },
    PresenceTracker,
  ],
  exports: [ConnectionRegistry, RealtimeMetrics, RealtimeReplica, ResumePoints, SessionBudget],
})
export class ConnectionsModule {}
