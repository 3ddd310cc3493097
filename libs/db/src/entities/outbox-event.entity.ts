import { Entity } from 'typeorm';
import type { DomainEventType, EventAudience } from '@switchboard/contracts';
import { OrganisationRow } from './base-rows';
import { BigIntColumn, JsonColumn, TextColumn } from './columns';

/**
 * A domain event committed with the change that caused it; published once the organisation's relay
 * cursor passes it. Its `id` (bigserial) is the global commit order the relay publishes in.
 */
@Entity('outbox_events')
export class OutboxEventEntity extends OrganisationRow {
  /** Increases by one per organisation, in commit order (org_event_counters row lock). */
  @BigIntColumn() eventId!: string;

  @TextColumn() type!: DomainEventType;
  @BigIntColumn({ nullable: true }) actorId!: string | null;
  @JsonColumn() audience!: EventAudience;
  @JsonColumn() payload!: unknown;
}
