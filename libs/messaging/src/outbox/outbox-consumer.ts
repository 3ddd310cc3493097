// libs/messaging/src/outbox/outbox-consumer.ts
import type { AnyDomainEvent } from '@switchboard/contracts';
/** Receives committed domain events from the relay leader, per batch, in commit order within each organisation.
 *  A batch may be delivered again after a crash (at-least-once): consumers must be idempotent (e.g. BullMQ jobIds). */
export interface OutboxConsumer {
  readonly name: string;
  consume(events: readonly AnyDomainEvent[]): Promise<void>;
}
/** Consumers register themselves here (inject it, call register(this) in the constructor); the relay imports only this. */
export class OutboxConsumerRegistry {
  private readonly consumers: OutboxConsumer[] = [];
  register(consumer: OutboxConsumer): void { this.consumers.push(consumer); }
  all(): readonly OutboxConsumer[] { return this.consumers; }
}
