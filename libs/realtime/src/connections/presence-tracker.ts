import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PresenceStore } from '@switchboard/platform';
import { ConnectionRegistry } from './connection-registry';

const HEARTBEAT_MS = 30_000;

/** Keeps this replica's connections marked alive in the shared presence store, and sweeps dead replicas' users. */
@Injectable()
export class PresenceTracker implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PresenceTracker.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly presence: PresenceStore,
    private readonly registry: ConnectionRegistry,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async beat(): Promise<void> {
    try {
      await this.presence.refresh(
        this.registry.all().map((connection) => ({
          organisationId: connection.organisationId,
          userId: connection.userId,
          connection: connection.id,
        })),
      );
      await this.presence.sweep();
    } catch (error) {
      this.logger.warn({
        msg: 'presence heartbeat failed',
        err: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
