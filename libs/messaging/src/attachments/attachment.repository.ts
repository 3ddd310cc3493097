import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface AttachmentRecord {
  id: string;
  organisationId: string;
  channelId: string;
  messageId: string;
  userId: string;
  name: string;
  contentType: string;
  size: number;
  storageKey: string;
  previewKey: string | null;
  previewExt: string | null;
  width: number | null;
  height: number | null;
  createdAt: Date;
}

interface Row {
  id: string;
  organisation_id: string;
  channel_id: string;
  message_id: string;
  user_id: string;
  name: string;
  content_type: string;
  size: string;
  storage_key: string;
  preview_key: string | null;
  preview_ext: string | null;
  width: number | null;
  height: number | null;
  created_at: Date;
}

const toRecord = (row: Row): AttachmentRecord => ({
  id: row.id,
  organisationId: row.organisation_id,
  channelId: row.channel_id,
  messageId: row.message_id,
  userId: row.user_id,
  name: row.name,
  contentType: row.content_type,
  size: Number(row.size),
  storageKey: row.storage_key,
  previewKey: row.preview_key,
  previewExt: row.preview_ext,
  width: row.width,
  height: row.height,
  createdAt: row.created_at,
});

@Injectable()
export class AttachmentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(em: EntityManager, a: Omit<AttachmentRecord, 'createdAt'>): Promise<AttachmentRecord> {
    const rows = (await em.query(
      `INSERT INTO attachments (id, organisation_id, channel_id, message_id, user_id, name, content_type, size, storage_key, preview_key, preview_ext, width, height)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [
        a.id,
        a.organisationId,
        a.channelId,
        a.messageId,
        a.userId,
        a.name,
        a.contentType,
        a.size,
        a.storageKey,
        a.previewKey,
        a.previewExt,
        a.width,
        a.height,
      ],
    )) as Row[];
    return toRecord(rows[0]);
  }

  /** With the message, so a deleted message's attachment is gone too. */
  async findLive(id: string): Promise<AttachmentRecord | null> {
    const rows = (await this.db.query(
      `SELECT a.* FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.id = $1 AND m.deleted_at IS NULL AND a.removal_requested_at IS NULL`,
      [id],
    )) as Row[];
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** In the transaction that deletes the message: its files are removed by a job after the commit. */
  async markForRemoval(em: EntityManager, messageId: string): Promise<void> {
    await em.query(
      `UPDATE attachments SET removal_requested_at = now() WHERE message_id = $1 AND removal_requested_at IS NULL`,
      [messageId],
    );
  }

  async markedForMessages(messageIds: string[]): Promise<string[]> {
    if (messageIds.length === 0) return [];
    const rows = (await this.db.query(
      `SELECT id::text FROM attachments WHERE message_id = ANY($1::bigint[]) AND removal_requested_at IS NOT NULL`,
      [messageIds],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Marked longer ago than `seconds`, oldest first (attachments_removal_idx). */
  async markedBefore(seconds: number, limit: number): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT id::text FROM attachments WHERE removal_requested_at < now() - make_interval(secs => $1) ORDER BY removal_requested_at LIMIT $2`,
      [seconds, limit],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Only a marked attachment: nothing else may ever lose its files. */
  async findMarked(id: string): Promise<AttachmentRecord | null> {
    const rows = (await this.db.query(`SELECT * FROM attachments WHERE id = $1 AND removal_requested_at IS NOT NULL`, [
      id,
    ])) as Row[];
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async deleteMarked(id: string): Promise<void> {
    await this.db.query(`DELETE FROM attachments WHERE id = $1 AND removal_requested_at IS NOT NULL`, [id]);
  }

  async forMessages(messageIds: string[]): Promise<AttachmentRecord[]> {
    if (messageIds.length === 0) return [];
    const rows = (await this.db.query(`SELECT * FROM attachments WHERE message_id = ANY($1::bigint[])`, [
      messageIds,
    ])) as Row[];
    return rows.map(toRecord);
  }
}
