import type { Client } from 'pg';
import {
  type AnyDomainEvent,
  type DomainEventType,
  type EventAudience,
  withCurrentIdKeys,
} from '@switchboard/contracts';

export interface OutboxRow {
  id: string;
  organisation_id: string;
  event_id: string;
  type: DomainEventType;
  actor_id: string | null;
  audience: EventAudience;
  payload: unknown;
  created_at: Date;
}

const DECIMAL = /^[0-9]{1,19}$/;

const COLUMNS = `o.id::text, o.organisation_id::text, o.event_id::text, o.type, o.actor_id::text, o.audience, o.payload, o.created_at`;

const AFTER = `greatest(coalesce(c.event_id, 0), coalesce(u.event_id, 0))`;
const CURSORS = `LEFT JOIN outbox_cursors c USING (organisation_id) LEFT JOIN unnest($2::bigint[], $3::bigint[]) AS u(organisation_id, event_id) USING (organisation_id)`;
const readAfter = (organisations: string) => `SELECT ${COLUMNS}
  FROM (${organisations}) k
  CROSS JOIN LATERAL (
    SELECT * FROM outbox_events o WHERE o.organisation_id = k.organisation_id AND o.event_id > k.after ORDER BY o.event_id LIMIT $1) o
 ORDER BY o.id LIMIT $1`;
/** Every organisation whose counter is past its cursor. */
const READ_ALL = readAfter(
  `SELECT k.organisation_id, ${AFTER} AS after FROM org_event_counters k ${CURSORS} WHERE k.last_event_id > ${AFTER}`,
);
/** The organisations in $4. */
const READ_NAMED = readAfter(
  `SELECT k.organisation_id, ${AFTER} AS after FROM unnest($4::bigint[]) AS k(organisation_id) ${CURSORS}`,
);

/**
 * The relay's reads and writes, on its own session (it holds the advisory lock and LISTENs there).
 * Reads go by position: (organisation_id, event_id) after the organisation's cursor, served by the
 * unique index, so their cost does not depend on how many published rows are still kept.
 */
export class OutboxCursorStore {
  constructor(private readonly client: Client) {}

  /**
   * Up to `limit` events after the organisations' cursors, oldest first per organisation: of the
   * given organisations (those a NOTIFY named), or of every organisation whose counter is past its
   * cursor (the counters table has one row per organisation, however long the outbox grows).
   * `unsaved` holds positions the caller has relayed but not saved yet; they count as cursors.
   */
  async readAfterCursors(
    organisationIds: string[] | 'all',
    unsaved: Map<string, string>,
    limit: number,
  ): Promise<OutboxRow[]> {
    if (organisationIds !== 'all' && organisationIds.length === 0) return [];
    const values: unknown[] = [limit, [...unsaved.keys()], [...unsaved.values()]];
    if (organisationIds !== 'all') values.push(organisationIds);
    // Named: the relay runs one of the two for every batch, and planning them cost more than running them.
    const { rows } = await this.client.query<OutboxRow>(
      organisationIds === 'all'
        ? { name: 'outbox_read_all', text: READ_ALL, values }
        : { name: 'outbox_read_named', text: READ_NAMED, values },
    );
    return rows;
  }

  /**
   * Moves each organisation's cursor to the given event id (never backwards), committed without
   * waiting for the WAL flush: the relay saves after almost every batch when traffic is light, and
   * a flush per save cost more than the save. A cursor lost to a PostgreSQL crash only replays
   * those events, which consumers take idempotently, as after a relay crash before the save. One
   * simple-protocol round trip: the two statements form one implicit transaction, so the SET LOCAL
   * ends with it (and an error rolls both back). The positions are inlined, checked as decimals.
   */
  async saveCursors(cursors: Map<string, string>): Promise<void> {
    if (cursors.size === 0) return;
    const organisations = [...cursors.keys()];
    const events = [...cursors.values()];
    if (![...organisations, ...events].every((value) => DECIMAL.test(value)))
      throw new Error('outbox cursor positions must be decimal ids');
    await this.client.query(
      `SET LOCAL synchronous_commit = off;
       INSERT INTO outbox_cursors (organisation_id, event_id)
       SELECT * FROM unnest('{${organisations.join(',')}}'::bigint[], '{${events.join(',')}}'::bigint[])
       ON CONFLICT (organisation_id) DO UPDATE SET event_id = greatest(outbox_cursors.event_id, EXCLUDED.event_id)`,
    );
  }

  async identity(): Promise<{ newest: string; database: string }> {
    const { rows } = await this.client.query<{ newest: string; database: string }>(
      `SELECT (SELECT coalesce(max(id), 0)::text FROM outbox_events) AS newest,
              current_database() || '.' || (SELECT system_identifier::text FROM pg_control_system()) AS database`,
    );
    return rows[0];
  }

  async organisationIds(): Promise<string[]> {
    return (await this.client.query<{ id: string }>('SELECT id::text FROM organisations')).rows.map((row) => row.id);
  }

  /** Deletes published rows older than the retention period, a chunk at a time; returns how many went. */
  async deletePublishedBefore(cutoff: Date, chunk = 10_000): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.client.query(
        `DELETE FROM outbox_events WHERE id IN (
           SELECT o.id FROM outbox_events o JOIN outbox_cursors c USING (organisation_id)
            WHERE o.created_at < $1 AND o.event_id <= c.event_id LIMIT $2)`,
        [cutoff, chunk],
      );
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < chunk) return total;
    }
  }
}

export function toDomainEvent(row: OutboxRow): AnyDomainEvent {
  return {
    organisationId: row.organisation_id,
    eventId: row.event_id,
    type: row.type,
    occurredAt: row.created_at.toISOString(),
    actorId: row.actor_id,
    audience: row.audience,
    payload: withCurrentIdKeys(row.payload),
  } as AnyDomainEvent;
}
