import { ROW_VERSION, RULES_VERSION } from '../views/row-version';
import { OUTBOX_NOTIFY_CHANNEL } from '../outbox/outbox.writer';

/** One top-level text message of a batch, with the versions of the cached facts it was authorised on. */
export interface BatchedPost {
  channelId: string;
  userId: string;
  userVersion: string;
  roleId: string;
  rulesVersion: string;
  channelVersion: string;
  body: string;
  topic: string;
  /** The message.created payload without the fields the database assigns (id, zulipId, ts, createdAt). */
  payload: string;
  mentionedIds: string[];
  mentionedHandles: string[];
}

export interface InsertedPost {
  idx: number;
  id: string;
  zulip_id: string;
  ts: string;
  created_at: string;
  /** The outbox row: its position, event id and creation time, and its payload when the statement did not notify. */
  outbox_id: string;
  event_id: string;
  payload: unknown;
  occurred_at: Date;
}

/**
 * Posts a batch of top-level messages of one organisation in ONE statement, so one round trip and
 * one commit: it authorises each post again against the rows as they are now (membership, the
 * channel still live and unchanged, the author unchanged, the role's rules unchanged), locking the
 * memberships in a fixed order first (the ordinary path also takes the member row before the
 * counter, so the two never wait for each other in opposite orders), inserts the
 * messages that pass, takes one block of event ids from the organisation's counter (the row lock
 * that orders the organisation's events by commit), writes their outbox rows in that order,
 * records mentions and the authors' read markers, and wakes the relay ($15 true), or returns the
 * outbox rows for the caller to hand to its own relay ($15 false, see OutboxHandoff). Posts that
 * fail a check are simply not returned; the caller sends them down the ordinary path.
 */
export const POST_BATCH_SQL = `
WITH input AS (
  SELECT * FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[])
    AS i(idx, channel_id, user_id, user_version, role_id, rules_version, channel_version, body, topic, payload)
),
allowed AS (
  SELECT i.idx, i.channel_id, i.user_id, i.body, i.topic, i.payload, next_id() AS id
    FROM input i
    JOIN channels c ON c.id = i.channel_id AND c.organisation_id = $1 AND c.deleted_at IS NULL AND c.archived_at IS NULL AND ${ROW_VERSION('c')} = i.channel_version
    JOIN channel_members m ON m.channel_id = i.channel_id AND m.user_id = i.user_id
    JOIN users u ON u.id = i.user_id AND u.organisation_id = $1 AND u.deactivated_at IS NULL AND ${ROW_VERSION('u')} = i.user_version
   WHERE i.rules_version = ${RULES_VERSION('$1', 'i.role_id')}
   ORDER BY i.channel_id, i.user_id
   FOR UPDATE OF m
),
counter AS (
  INSERT INTO org_event_counters AS k (organisation_id, last_event_id)
  SELECT $1, count(*) FROM allowed HAVING count(*) > 0
  ON CONFLICT (organisation_id) DO UPDATE SET last_event_id = k.last_event_id + EXCLUDED.last_event_id
  RETURNING k.last_event_id
),
inserted AS (
  INSERT INTO messages (id, organisation_id, channel_id, user_id, body, topic, ts)
  SELECT a.id, $1, a.channel_id, a.user_id, a.body, a.topic, slack_ts(a.id) FROM allowed a
  RETURNING id, zulip_id, ts, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
),
numbered AS (
  SELECT a.idx, a.id, a.channel_id, a.user_id, a.payload, ins.zulip_id, ins.ts, ins.created_at,
         (SELECT last_event_id FROM counter) - count(*) OVER () + row_number() OVER (ORDER BY a.id) AS event_id
    FROM allowed a JOIN inserted ins ON ins.id = a.id
),
outbox AS (
  INSERT INTO outbox_events (organisation_id, event_id, type, actor_id, audience, payload)
  SELECT $1, n.event_id, 'message.created', n.user_id, jsonb_build_object('conversationId', n.channel_id::text),
         jsonb_set(n.payload, '{message}', (n.payload -> 'message') || jsonb_build_object('messageId', n.id::text, 'zulipId', n.zulip_id, 'ts', n.ts, 'createdAt', n.created_at))
    FROM numbered n ORDER BY n.event_id
  RETURNING id, event_id, payload, created_at
),
mentioned AS (
  INSERT INTO message_mentions (message_id, user_id, channel_id)
  SELECT DISTINCT n.id, u.id, n.channel_id
    FROM unnest($12::int[], $13::text[], $14::text[]) AS mm(idx, user_id, handle)
    JOIN numbered n ON n.idx = mm.idx
    JOIN users u ON u.organisation_id = $1 AND u.deactivated_at IS NULL AND u.id <> n.user_id AND (u.id::text = mm.user_id OR lower(u.handle) = mm.handle)
  ON CONFLICT DO NOTHING
),
marked AS (
  UPDATE channel_members m SET last_read_message_id = x.id
    FROM (SELECT channel_id, user_id, max(id) AS id FROM numbered GROUP BY channel_id, user_id) x
   WHERE m.channel_id = x.channel_id AND m.user_id = x.user_id
),
notified AS (
  SELECT count(*) FROM (SELECT pg_notify('${OUTBOX_NOTIFY_CHANNEL}', $1::text) FROM counter WHERE $15::boolean) x
)
SELECT n.idx, n.id::text, n.zulip_id::text, n.ts, n.created_at,
       o.id::text AS outbox_id, o.event_id::text, CASE WHEN $15::boolean THEN NULL ELSE o.payload END AS payload, o.created_at AS occurred_at
  FROM numbered n JOIN outbox o ON o.event_id = n.event_id, notified`;

/** The statement's parameters: one array per column, mentions flattened to (index, id, handle) rows. */
export function postBatchParams(organisationId: string, posts: readonly BatchedPost[], notify: boolean): unknown[] {
  const mentionIdx: number[] = [];
  const mentionIds: (string | null)[] = [];
  const mentionHandles: (string | null)[] = [];
  posts.forEach((post, idx) => {
    const add = (id: string | null, handle: string | null) => {
      mentionIdx.push(idx);
      mentionIds.push(id);
      mentionHandles.push(handle);
    };
    for (const id of post.mentionedIds) add(id, null);
    for (const handle of post.mentionedHandles) add(null, handle);
  });
  return [
    organisationId,
    posts.map((_, idx) => idx),
    posts.map((post) => post.channelId),
    posts.map((post) => post.userId),
    posts.map((post) => post.userVersion),
    posts.map((post) => post.roleId),
    posts.map((post) => post.rulesVersion),
    posts.map((post) => post.channelVersion),
    posts.map((post) => post.body),
    posts.map((post) => post.topic),
    posts.map((post) => post.payload),
    mentionIdx,
    mentionIds,
    mentionHandles,
    notify,
  ];
}
