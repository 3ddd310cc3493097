import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DomainEventType, EventAudience } from '@switchboard/contracts';

/** A domain event committed with the change that caused it; published once the organisation's relay cursor passes it. */
@Entity('outbox_events')
export class OutboxEventEntity {
  /** Global commit-order position (bigserial); the relay publishes in this order. */
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'bigint' })
  organisationId!: string;

  /** Increases by one per organisation, in commit order (org_event_counters row lock). */
  @Column({ name: 'event_id', type: 'bigint' })
  eventId!: string;

  @Column({ type: 'text' })
  type!: DomainEventType;

  @Column({ name: 'actor_id', type: 'bigint', nullable: true })
  actorId!: string | null;

  @Column({ type: 'jsonb' })
  audience!: EventAudience;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
