import type { AnyDomainEvent } from '@switchboard/contracts';

/** What the relay knows about a batch besides its events. */
export interface OutboxBatchInfo {
  /** Outbox positions (row ids), parallel to the events: increasing within each organisation. */
  readonly positions: readonly string[];
}

/** Handed to consumers when this replica becomes the relay leader. */
export interface OutboxLeadership {
  /** The database's identity (name and system identifier): a restored or replaced database has another. */
  readonly database: string;
  /** The newest outbox position committed so far. */
  readonly newestPosition: string;
  organisationIds(): Promise<string[]>;
}

/**
 * Receives committed domain events from the relay leader, per batch, in commit order within each
 * organisation. A batch may be delivered again after a crash (at-least-once): consumers must be
 * idempotent (BullMQ jobIds, high-water marks). A consumer that throws makes the relay retry the
 * whole batch, so every consumer sees every event.
 */
export interface OutboxConsumer {
  readonly name: string;
  consume(events: readonly AnyDomainEvent[], batch: OutboxBatchInfo): Promise<void>;
  onLeadership?(leadership: OutboxLeadership): Promise<void>;
}

/** Consumers register themselves here (inject it, call register(this) in the constructor); the relay imports only this. */
export class OutboxConsumerRegistry {
  private readonly consumers: OutboxConsumer[] = [];

  register(consumer: OutboxConsumer): void {
    this.consumers.push(consumer);
  }

  all(): readonly OutboxConsumer[] {
    return this.consumers;
  }
}
