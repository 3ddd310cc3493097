import { parseMentions } from '../mentions/mention-parser';
import type { ChannelView, MessageView, UserView } from '../views';
import type { ClientSnapshot } from '../internal/zulip-sync';
import { zulipReactions } from './zulip-emoji';

/**
 * The Zulip dialect's objects, built from our views. Ids are the compact `zulipId`s (exact in
 * JavaScript numbers); a Zulip "stream" is one of our public or private channels, a Zulip direct
 * message lives in one of our group conversations, and a Zulip topic is the message's `topic`.
 */
export const ZULIP_FEATURE_LEVEL = 250;
export const ZULIP_VERSION = '9.0-switchboard';

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

export interface ZulipRecipient {
  id: number;
  email: string;
  full_name: string;
  is_mirror_dummy: false;
}

export function zulipUser(user: UserView) {
  return {
    user_id: user.zulipId,
    email: user.email,
    delivery_email: null,
    full_name: user.name,
    is_admin: user.role === 'admin',
    is_owner: false,
    is_guest: false,
    is_bot: user.kind === 'bot',
    bot_type: user.kind === 'bot' ? 1 : null,
    bot_owner_id: null,
    is_active: user.deactivatedAt === null,
    role: user.role === 'admin' ? 200 : 400,
    timezone: '',
    date_joined: user.createdAt,
    avatar_url: null,
    avatar_version: 1,
  };
}

export function zulipStream(channel: ChannelView, creator?: UserView) {
  return {
    stream_id: channel.zulipId,
    name: channel.name,
    description: channel.topic,
    rendered_description: channel.topic ? `<p>${escapeHtml(channel.topic)}</p>` : '',
    invite_only: channel.type !== 'public',
    is_web_public: false,
    is_archived: channel.archivedAt !== null,
    history_public_to_subscribers: true,
    date_created: seconds(channel.createdAt),
    creator_id: creator?.zulipId ?? null,
    first_message_id: null,
    message_retention_days: null,
    stream_post_policy: 1,
    is_announcement_only: false,
    stream_weekly_traffic: null,
  };
}

export function zulipSubscription(channel: ChannelView, subscriberZulipIds: number[]) {
  return {
    ...zulipStream(channel),
    subscribers: subscriberZulipIds,
    color: '#76ce90',
    pin_to_top: false,
    is_muted: false,
    in_home_view: true,
    desktop_notifications: null,
    audible_notifications: null,
    push_notifications: null,
    email_notifications: null,
    wildcard_mentions_notify: null,
    email_address: '',
  };
}

/** The snapshot's channels the user is a member of, as subscriptions listing their members by Zulip id. */
export function zulipSubscriptions(snapshot: ClientSnapshot) {
  const zulipIdOf = new Map(snapshot.users.map((user) => [user.userId, user.zulipId]));
  const member = new Set(snapshot.memberOf);
  return snapshot.channels
    .filter((channel) => member.has(channel.channelId))
    .map((channel) =>
      zulipSubscription(
        channel,
        (snapshot.subscribers[channel.channelId] ?? []).flatMap((id) =>
          zulipIdOf.has(id) ? [zulipIdOf.get(id)!] : [],
        ),
      ),
    );
}

export function zulipRecipient(user: UserView): ZulipRecipient {
  return { id: user.zulipId, email: user.email, full_name: user.name, is_mirror_dummy: false };
}

/**
 * A message in Zulip's shape. `participants` are the group members for direct messages (ignored
 * for channels). With `applyMarkdown` the content is minimal HTML (escaped paragraphs): we store
 * Markdown and do not render it server-side yet. Reactions are listed when `reactionUsers` can
 * render the users who reacted (by user id); without it they are left out.
 */
export function zulipMessage(
  message: MessageView,
  author: UserView,
  channel: ChannelView,
  participants: UserView[],
  applyMarkdown: boolean,
  reactionUsers?: ReadonlyMap<string, UserView>,
) {
  const direct = channel.type === 'group';
  return {
    id: message.zulipId,
    sender_id: author.zulipId,
    sender_email: author.email,
    sender_full_name: author.name,
    sender_realm_str: '',
    content: applyMarkdown ? renderParagraphs(message.message) : message.message,
    content_type: applyMarkdown ? 'text/html' : 'text/x-markdown',
    timestamp: seconds(message.createdAt),
    last_edit_timestamp: message.updatedAt ? seconds(message.updatedAt) : undefined,
    type: direct ? 'private' : 'stream',
    stream_id: direct ? undefined : channel.zulipId,
    recipient_id: channel.zulipId,
    display_recipient: direct
      ? [...participants].sort((a, b) => a.zulipId - b.zulipId).map(zulipRecipient)
      : channel.name,
    subject: direct ? '' : message.topic,
    topic_links: [],
    client: 'switchboard',
    avatar_url: null,
    is_me_message: message.message.startsWith('/me '),
    reactions: reactionUsers ? zulipReactions(message.reactions, reactionUsers) : [],
    submessages: [],
  };
}

export type ZulipMessage = ReturnType<typeof zulipMessage>;

/** The flags of a message as it is created: `read` for one's own, `mentioned` (Zulip's @**Name**, @**all**, and our <@id> and @handle). Later state comes from markers and bookmarks. */
export function zulipFlags(message: MessageView, viewer: UserView): string[] {
  const flags: string[] = [];
  if (message.userId === viewer.userId) flags.push('read');
  if (mentions(message.message, viewer)) flags.push('mentioned');
  return flags;
}

export function mentions(text: string, viewer: UserView): boolean {
  const lower = text.toLowerCase();
  if (lower.includes(`@**${viewer.name.toLowerCase()}**`) || /@\*\*(all|everyone|channel|stream)\*\*/.test(lower))
    return true;
  // The Messaging REST API's forms, which it records as mentions: `<@id>` and `@handle`.
  const parsed = parseMentions(text);
  return parsed.userIds.includes(viewer.userId) || parsed.handles.includes(viewer.handle.toLowerCase());
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );
}

function renderParagraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

type PresenceStatus = { presence: 'active' | 'away'; online: boolean };

/**
 * Zulip's `presences` (register, POST /users/me/presence): users with a live connection, as active or (set away) idle, stamped now;
 * we keep no history, so users without a connection are absent, as Zulip omits long-gone ones.
 * `slim_presence` keys them by id in the modern format, otherwise by email in the legacy one.
 */
export function zulipPresences(
  users: UserView[],
  statuses: ReadonlyMap<string, PresenceStatus>,
  slim: boolean,
  now = Date.now(),
): Record<string, unknown> {
  const seconds = Math.floor(now / 1000);
  const presences: Record<string, unknown> = {};
  for (const user of users) {
    const status = statuses.get(user.userId);
    if (!status?.online) continue;
    if (slim)
      presences[String(user.zulipId)] = {
        active_timestamp: status.presence === 'active' ? seconds : 0,
        idle_timestamp: seconds,
      };
    else {
      const entry = {
        client: 'website',
        status: status.presence === 'active' ? 'active' : 'idle',
        timestamp: seconds,
        pushable: false,
      };
      presences[user.email] = {
        website: entry,
        aggregated: { client: 'website', status: entry.status, timestamp: seconds },
      };
    }
  }
  return { presences, server_timestamp: now / 1000 };
}
