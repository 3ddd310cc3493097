import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  DomainError,
  ErrorCode,
  channelResource,
  mentions,
  type MessageContext,
  type MessageSearchQuery,
  type MessageSearchResult,
  type MessageViewerFlags,
  type UserView,
} from '@switchboard/contracts';
import { ChannelEntity, MessageEntity, UserEntity } from '@switchboard/db';
import { NarrowError, type NarrowTerm, type NarrowableMessage, matchesNarrow, parseNarrow } from '@switchboard/narrow';
import { canRead } from '../access/access-policy';
import { PermissionService } from '../permissions/permission.service';
import { ChannelRepository } from '../channels/channel.repository';
import { MessageAnnotator } from '../annotations/message-annotator';
import { toChannelView, toUserView } from '../views/view-mappers';
import { type ViewerState, ViewerStateRepository, flagTermsSql } from './viewer-state.repository';

const BATCH = 200;
const MAX_SCANNED = 5000;
const MAX_PAGE = 1000;

interface Side {
  found: MessageEntity[];
  exhausted: boolean;
}

interface ScanContext {
  viewer: UserEntity;
  channels: Map<string, ChannelEntity>;
  participants: Map<string, string[]>;
  users: Map<string, UserEntity>;
  /** The viewer's state of every scanned message, by message id. */
  states: Map<string, ViewerState>;
}

/**
 * Messages across every conversation the actor belongs to (plus a public channel the narrow names),
 * filtered by a narrow in the compact-id space of Zulip clients. SQL narrows by conversation, topic
 * (indexed) and positive flag terms; every term is then applied by libs/narrow to the rows and the
 * viewer's state of them (one query per batch), scanning at most MAX_SCANNED rows.
 */
@Injectable()
export class MessageSearchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelRepository,
    private readonly permissions: PermissionService,
    private readonly viewerStates: ViewerStateRepository,
    private readonly annotator: MessageAnnotator,
  ) {}

  async search(actor: UserEntity, query: MessageSearchQuery): Promise<MessageSearchResult> {
    const terms = parseTerms(query.narrow);
    const numBefore = clamp(query.numBefore ?? 0);
    const numAfter = clamp(query.numAfter ?? 0);
    const candidates = await this.candidateChannels(actor, terms);
    const participants = await this.groupParticipants(
      candidates.filter((channel) => channel.type === 'group').map((channel) => channel.id),
    );
    const context: ScanContext = {
      viewer: actor,
      channels: new Map(candidates.map((channel) => [channel.id, channel])),
      participants,
      users: new Map(),
      states: new Map(),
    };
    const topic = positiveOperand(terms, 'topic');
    const firstUnread =
      query.anchor === 'first_unread'
        ? await this.viewerStates.firstUnread(actor.id, [...context.channels.keys()], topic)
        : null;
    // `first_unread` without unread messages is `newest`, as Zulip documents it.
    const requested =
      query.anchor === 'first_unread'
        ? firstUnread === null
          ? 'newest'
          : String(firstUnread)
        : (query.anchor ?? 'newest');
    const mode = requested === 'oldest' || requested === 'newest' ? requested : 'id';
    const anchor = await this.anchorOf(requested, candidates);

    // `newest` ends the page with the newest match (and `oldest` starts it with the oldest), as Zulip does.
    const newest = mode === 'newest';
    const before =
      mode === 'oldest'
        ? { found: [], exhausted: true }
        : await this.scan(context, terms, topic, newest ? anchor + 1 : anchor, 'before', numBefore + (newest ? 1 : 0));
    const after = newest
      ? { found: [], exhausted: true }
      : await this.scan(context, terms, topic, anchor, 'after', numAfter + (mode === 'oldest' ? 1 : 0));
    const exact =
      query.includeAnchor !== false && mode === 'id'
        ? await this.scan(context, terms, topic, anchor, 'at', 1)
        : { found: [], exhausted: false };
    const anchorMessage = exact.found;
    const messages = [...before.found.reverse(), ...anchorMessage, ...after.found];
    const views = await this.annotator.views(messages, actor.id);
    await this.loadUsers(
      context,
      views.flatMap((view) => view.reactions.flatMap((reaction) => reaction.userIds)),
    );
    const channelIds = new Set(messages.map((message) => message.channelId));
    const viewer = toUserView(actor);
    return {
      messages: views,
      users: [...context.users.values()].map(toUserView),
      flags: Object.fromEntries(
        messages.map((message) => [message.id, viewerFlags(message, context.states.get(message.id), viewer)]),
      ),
      channels: candidates.filter((channel) => channelIds.has(channel.id)).map(toChannelView),
      participants: Object.fromEntries([...participants].filter(([id]) => channelIds.has(id))),
      anchor,
      foundAnchor: anchorMessage.length > 0,
      foundOldest: before.exhausted,
      foundNewest: after.exhausted,
    };
  }

  /** Distinct topics of a channel with their newest message, newest first (messages_channel_topic_idx). */
  async topics(channelId: string): Promise<{ name: string; maxZulipId: number }[]> {
    const rows = (await this.db.query(
      `SELECT max(topic) AS name, max(zulip_id)::text AS max FROM messages WHERE channel_id = $1 AND deleted_at IS NULL GROUP BY lower(topic) ORDER BY max(zulip_id) DESC LIMIT 1000`,
      [channelId],
    )) as { name: string; max: string }[];
    return rows.map((row) => ({ name: row.name, maxZulipId: Number(row.max) }));
  }

  /** One message by its compact id, if the actor may read its conversation, with the actor's flags and its reactions. */
  async byZulipId(actor: UserEntity, zulipId: string): Promise<MessageContext> {
    const message = await this.db.manager.findOneBy(MessageEntity, { zulipId });
    const channel = message ? await this.channels.findById(message.channelId) : null;
    const membership = channel ? await this.channels.findMembership(channel.id, actor.id) : null;
    if (
      !message ||
      message.deletedAt ||
      !channel ||
      !canRead(actor, channel, membership, await this.permissions.forActor(actor))
    )
      throw new DomainError(ErrorCode.MessageNotFound, `Message ${zulipId} not found`);
    const memberIds = channel.type === 'group' ? await this.channels.memberIds(channel.id) : [];
    const view = await this.annotator.view(message, actor.id);
    const reactorIds = [...new Set(view.reactions.flatMap((reaction) => reaction.userIds))];
    const users = await this.db.manager.findBy(UserEntity, { id: In([message.userId, ...memberIds, ...reactorIds]) });
    const byId = new Map(users.map((user) => [user.id, toUserView(user)]));
    const author = byId.get(message.userId);
    if (!author) throw new DomainError(ErrorCode.MessageNotFound, `Message ${zulipId} not found`);
    const state = (await this.viewerStates.load(actor.id, [message.id])).get(message.id);
    const pick = (ids: string[]) => ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    return {
      message: view,
      author,
      channel: toChannelView(channel),
      participants: pick(memberIds),
      flags: viewerFlags(message, state, toUserView(actor)),
      reactionUsers: pick(reactorIds),
    };
  }

  /** Conversations the actor belongs to, plus a readable public channel named by a positive `channel` term. */
  private async candidateChannels(actor: UserEntity, terms: NarrowTerm[]): Promise<ChannelEntity[]> {
    const named = positiveOperand(terms, 'channel');
    const rows = await this.db.manager
      .createQueryBuilder(ChannelEntity, 'c')
      .leftJoin('channel_members', 'm', 'm.channel_id = c.id AND m.user_id = :userId', { userId: actor.id })
      .where('c.organisation_id = :org', { org: actor.organisationId })
      .andWhere('c.deleted_at IS NULL')
      .andWhere(
        named === undefined
          ? 'm.user_id IS NOT NULL'
          : "(m.user_id IS NOT NULL OR (c.type = 'public' AND (lower(c.name) = lower(:named) OR c.zulip_id::text = :named)))",
        { named },
      )
      .getMany();
    const wantsDm = terms.some(
      (term) => !term.negated && (term.operator === 'dm' || (term.operator === 'is' && term.operand === 'dm')),
    );
    const perms = await this.permissions.forActor(actor);
    return rows.filter((channel) => {
      if (!perms.can('read', channelResource(channel.id))) return false;
      if (wantsDm && channel.type !== 'group') return false;
      if (named !== undefined)
        return (
          channel.type !== 'group' && (channel.zulipId === named || channel.name.toLowerCase() === named.toLowerCase())
        );
      return true;
    });
  }

  private async groupParticipants(groupIds: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (groupIds.length === 0) return result;
    const rows = (await this.db.query(
      'SELECT channel_id::text AS channel, user_id::text AS "user" FROM channel_members WHERE channel_id = ANY($1::bigint[])',
      [groupIds],
    )) as { channel: string; user: string }[];
    for (const row of rows) result.set(row.channel, [...(result.get(row.channel) ?? []), row.user]);
    return result;
  }

  private async anchorOf(anchor: string, candidates: ChannelEntity[]): Promise<number> {
    if (anchor === 'newest') {
      if (candidates.length === 0) return 0;
      const [row] = (await this.db.query(
        `SELECT coalesce(max((SELECT max(zulip_id) FROM messages m WHERE m.channel_id = c AND m.deleted_at IS NULL)), 0)::text AS id FROM unnest($1::bigint[]) AS c`,
        [candidates.map((channel) => channel.id)],
      )) as { id: string }[];
      return Number(row.id);
    }
    if (anchor === 'oldest') return 0;
    if (!/^[0-9]{1,15}$/.test(anchor))
      throw new DomainError(ErrorCode.BadRequest, `Invalid anchor: ${anchor.slice(0, 40)}`);
    return Number(anchor);
  }

  private async scan(
    context: ScanContext,
    terms: NarrowTerm[],
    topic: string | undefined,
    anchor: number,
    side: 'before' | 'after' | 'at',
    wanted: number,
  ): Promise<Side> {
    const found: MessageEntity[] = [];
    if (context.channels.size === 0) return { found, exhausted: true };
    if (wanted === 0) return { found, exhausted: false };
    let cursor = anchor;
    let scanned = 0;
    for (;;) {
      const builder = this.db.manager
        .createQueryBuilder(MessageEntity, 'm')
        .where('m.channel_id IN (:...ids)', { ids: [...context.channels.keys()] })
        .andWhere('m.deleted_at IS NULL')
        .limit(side === 'at' ? 1 : BATCH);
      if (topic !== undefined) builder.andWhere('lower(m.topic) = lower(:topic)', { topic });
      for (const condition of flagTermsSql(terms, ':viewer'))
        builder.andWhere(condition, { viewer: context.viewer.id });
      if (side === 'before')
        builder.andWhere('m.zulip_id < :cursor', { cursor: String(cursor) }).orderBy('m.zulip_id', 'DESC');
      else if (side === 'after')
        builder.andWhere('m.zulip_id > :cursor', { cursor: String(cursor) }).orderBy('m.zulip_id', 'ASC');
      else builder.andWhere('m.zulip_id = :cursor', { cursor: String(cursor) });
      const rows = await builder.getMany();
      await this.loadUsers(
        context,
        rows.flatMap((row) => [row.userId, ...(context.participants.get(row.channelId) ?? [])]),
      );
      const states = await this.viewerStates.load(
        context.viewer.id,
        rows.map((row) => row.id),
      );
      const viewer = toUserView(context.viewer);
      for (const row of rows) {
        const state = states.get(row.id);
        if (state) context.states.set(row.id, state);
        if (
          found.length < wanted &&
          matchesNarrow(terms, narrowable(row, context, viewerFlags(row, state, viewer), state))
        )
          found.push(row);
      }
      scanned += rows.length;
      const exhausted = rows.length < BATCH || side === 'at';
      if (found.length >= wanted || exhausted || scanned >= MAX_SCANNED)
        return { found, exhausted: exhausted && side !== 'at' };
      cursor = Number(rows[rows.length - 1].zulipId);
    }
  }

  private async loadUsers(context: ScanContext, ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !context.users.has(id));
    if (missing.length === 0) return;
    for (const user of await this.db.manager.findBy(UserEntity, { id: In(missing) })) context.users.set(user.id, user);
  }
}

/** A message without a state row was deleted meanwhile; it reads as unflagged. */
function viewerFlags(message: MessageEntity, state: ViewerState | undefined, viewer: UserView): MessageViewerFlags {
  return {
    read: state?.read ?? message.userId === viewer.userId,
    starred: state?.starred ?? false,
    mentioned: (state?.mentioned ?? false) || mentions(message.body, viewer),
    historical: state?.historical ?? false,
  };
}

function narrowable(
  message: MessageEntity,
  context: ScanContext,
  flags: MessageViewerFlags,
  state: ViewerState | undefined,
): NarrowableMessage {
  const channel = context.channels.get(message.channelId)!;
  const author = context.users.get(message.userId);
  const dm = channel.type === 'group';
  return {
    id: message.zulipId,
    kind: dm ? 'dm' : 'channel',
    channelId: channel.zulipId,
    channelName: dm ? null : channel.name,
    topic: dm ? null : message.topic,
    senderId: author?.zulipId ?? '0',
    senderEmail: author?.email ?? '',
    participants: dm
      ? (context.participants.get(channel.id) ?? []).flatMap((id) => {
          const user = context.users.get(id);
          return user ? [{ id: user.zulipId, email: user.email }] : [];
        })
      : [],
    content: message.body,
    hasAttachment: state?.hasAttachment ?? false,
    hasImage: state?.hasImage ?? false,
    hasReaction: state?.hasReaction ?? false,
    flags: { read: flags.read, starred: flags.starred, mentioned: flags.mentioned },
  };
}

function parseTerms(narrow: string | undefined): NarrowTerm[] {
  try {
    return parseNarrow(narrow ?? '[]');
  } catch (error) {
    if (error instanceof NarrowError) throw new DomainError(ErrorCode.BadNarrow, error.message);
    throw error;
  }
}

function positiveOperand(terms: NarrowTerm[], operator: 'channel' | 'topic'): string | undefined {
  const term = terms.find((candidate) => candidate.operator === operator && !candidate.negated);
  return typeof term?.operand === 'string' ? term.operand : undefined;
}

function clamp(count: number): number {
  return Math.max(0, Math.min(MAX_PAGE, Math.floor(count)));
}
