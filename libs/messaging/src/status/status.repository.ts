import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { StatusView } from '@switchboard/contracts';

interface StatusRow {
  user_id: string;
  organisation_id: string;
  icon: string;
  message: string;
  expires_at: Date | null;
  clear_when_active: boolean;
  set_at: Date;
}

export interface StatusRecord {
  userId: string;
  organisationId: string;
  icon: string;
  message: string;
  expiresAt: Date | null;
  clearWhenActive: boolean;
  setAt: Date;
}

const toRecord = (row: StatusRow): StatusRecord => ({
  userId: row.user_id,
  organisationId: row.organisation_id,
  icon: row.icon,
  message: row.message,
  expiresAt: row.expires_at,
  clearWhenActive: row.clear_when_active,
  setAt: row.set_at,
});

export function toStatusView(status: StatusRecord): StatusView {
  return {
    userId: status.userId,
    icon: status.icon,
    message: status.message,
    expiresAt: status.expiresAt?.toISOString() ?? null,
    whenActive: status.clearWhenActive,
    setAt: status.setAt.toISOString(),
  };
}

@Injectable()
export class StatusRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Current statuses of an organisation (index user_statuses_org_idx); expired ones are not current even before their job ran. */
  async listCurrent(organisationId: string): Promise<StatusRecord[]> {
    const rows = (await this.db.query(
      `SELECT s.* FROM user_statuses s JOIN users u ON u.id = s.user_id
        WHERE s.organisation_id = $1 AND u.deactivated_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > now())
        ORDER BY s.user_id LIMIT 10000`,
      [organisationId],
    )) as StatusRow[];
    return rows.map(toRecord);
  }

  async find(em: EntityManager, userId: string, lock = false): Promise<StatusRecord | null> {
    const rows = (await em.query(`SELECT * FROM user_statuses WHERE user_id = $1${lock ? ' FOR UPDATE' : ''}`, [
      userId,
    ])) as StatusRow[];
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Cheap check on every authenticated call (primary key): a when-active status set before `before`. */
  async hasWhenActiveBefore(userId: string, before: Date): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM user_statuses WHERE user_id = $1 AND clear_when_active AND set_at < $2`,
      [userId, before],
    );
    return rows.length > 0;
  }

  async upsert(em: EntityManager, status: Omit<StatusRecord, 'setAt'>): Promise<StatusRecord> {
    const rows = (await em.query(
      `INSERT INTO user_statuses (user_id, organisation_id, icon, message, expires_at, clear_when_active, set_at)
       VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())
       ON CONFLICT (user_id) DO UPDATE SET icon = EXCLUDED.icon, message = EXCLUDED.message, expires_at = EXCLUDED.expires_at,
         clear_when_active = EXCLUDED.clear_when_active, set_at = EXCLUDED.set_at
       RETURNING *`,
      [status.userId, status.organisationId, status.icon, status.message, status.expiresAt, status.clearWhenActive],
    )) as StatusRow[];
    return toRecord(rows[0]);
  }

  async remove(em: EntityManager, userId: string): Promise<void> {
    await em.query(`DELETE FROM user_statuses WHERE user_id = $1`, [userId]);
  }
}
