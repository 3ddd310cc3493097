import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parseMentions } from '@switchboard/contracts';

/** Stores who a message mentions, resolved at post/edit time against the organisation's active users. */
@Injectable()
export class MentionRepository {
  /** Replaces the message's mentions; returns the mentioned user ids (the author never mentions themself). */
  async record(
    em: EntityManager,
    message: { id: string; organisationId: string; channelId: string; userId: string; body: string },
  ): Promise<string[]> {
    await em.query(`DELETE FROM message_mentions WHERE message_id = $1`, [message.id]);
    const { userIds, handles } = parseMentions(message.body);
    if (userIds.length === 0 && handles.length === 0) return [];
    const rows = (await em.query(
      `INSERT INTO message_mentions (message_id, user_id, channel_id)
       SELECT $1, u.id, $2 FROM users u
        WHERE u.organisation_id = $3 AND u.deactivated_at IS NULL AND u.id <> $4
          AND (u.id::text = ANY($5::text[]) OR lower(u.handle) = ANY($6::text[]))
       ON CONFLICT DO NOTHING RETURNING user_id::text AS id`,
      [message.id, message.channelId, message.organisationId, message.userId, userIds, handles],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }
}
