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

/**
 * The order the relay hands a batch to the consumers, by name: subscribers get an event from Redis
 * before webhooks, attachment removal and Slack apps act on it. Fixed here because consumers live in
 * their feature modules, and the order those modules are instantiated in is no contract.
 */
export const OUTBOX_CONSUMER_ORDER: readonly string[] = [
  'redis-publisher',
  'outgoing-webhooks',
  'attachment-removal',
  'slack-apps',
];

/**
 * Consumers register themselves here (inject it, call register(this) in the constructor); the relay
 * imports only this. A consumer's name must be in OUTBOX_CONSUMER_ORDER.
 */
export class OutboxConsumerRegistry {
  private readonly consumers: OutboxConsumer[] = [];

  register(consumer: OutboxConsumer): void {
    const rank = OUTBOX_CONSUMER_ORDER.indexOf(consumer.name);
    if (rank < 0) throw new Error(`outbox consumer "${consumer.name}" is not in OUTBOX_CONSUMER_ORDER`);
    const before = this.consumers.findIndex((other) => OUTBOX_CONSUMER_ORDER.indexOf(other.name) > rank);
    this.consumers.splice(before < 0 ? this.consumers.length : before, 0, consumer);
  }

  all(): readonly OutboxConsumer[] {
    return this.consumers;
  }
}
