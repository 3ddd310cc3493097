import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type CreatedWebhookView,
  DomainError,
  ErrorCode,
  type IncomingWebhookDto,
  type ListWebhooksQuery,
  type MessageView,
  type SaveWebhookDto,
  type WebhookView,
} from '@switchboard/contracts';
import { type ChannelEntity, type UserEntity, WebhookEntity } from '@switchboard/db';
import { canManageWebhook } from '../access/access-policy';
import { PermissionService } from '../permissions/permission.service';
import { ChannelAccess } from '../channels/channel-access';
import { ChannelRepository } from '../channels/channel.repository';
import { IdGenerator } from '../ids/id-generator';
import { MessageService } from '../messages/message.service';
import { MessagingConfig } from '../messaging.config';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { UserRepository } from '../users/user.repository';
import { toMessageView } from '../views/view-mappers';
import {
  deriveSigningSecret,
  hashWebhookToken,
  isWebhookTokenShaped,
  newSigningSalt,
  newWebhookToken,
  tokenMatches,
} from './webhook-secrets';
import { WebhookRepository } from './webhook.repository';
import { toWebhookView } from './webhook-views';

/** Managing webhooks (admins and channel owners, see canManageWebhook) and posting through incoming ones. */
@Injectable()
export class WebhookService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: MessagingConfig,
    private readonly webhooks: WebhookRepository,
    private readonly channels: ChannelRepository,
    private readonly access: ChannelAccess,
    private readonly users: UserRepository,
    private readonly messages: MessageService,
    private readonly ids: IdGenerator,
    private readonly outbox: OutboxWriter,
    private readonly permissions: PermissionService,
  ) {}

  /** The webhooks of the actor's organisation that the actor may manage. */
  async list(actor: UserEntity, query: ListWebhooksQuery): Promise<WebhookView[]> {
    // Seed 004: the list's `userID` is the owner (who created it), unlike create's `userID` (the bot).
    const all = await this.webhooks.list(actor.organisationId, { channelId: query.channelID, ownerId: query.userID });
    const manageable = new Map<string, boolean>();
    const visible: WebhookEntity[] = [];
    for (const webhook of all) {
      if (!manageable.has(webhook.channelId))
        manageable.set(webhook.channelId, await this.mayManageChannel(actor, webhook.channelId));
      if (manageable.get(webhook.channelId)) visible.push(webhook);
    }
    return visible.map(toWebhookView);
  }

  async get(actor: UserEntity, webhookId: string): Promise<WebhookView> {
    return toWebhookView(await this.manageable(actor, webhookId));
  }

  /** The token and signing secret are returned here only: the token is stored hashed, the secret derived. */
  async create(actor: UserEntity, input: SaveWebhookDto): Promise<CreatedWebhookView> {
    const fields = validateFields(input);
    return this.db.transaction(async (em) => {
      const channel = await this.channelToManage(em, actor, input.channelID);
      await this.requireBot(em, actor, input.userID);
      const token = newWebhookToken();
      const webhook = em.create(WebhookEntity, {
        id: await this.ids.next(em),
        organisationId: channel.organisationId,
        channelId: channel.id,
        userId: input.userID,
        ownerId: actor.id,
        tokenHash: hashWebhookToken(token),
        signingSalt: newSigningSalt(),
        updatedAt: null,
        deletedAt: null,
        ...fields,
      });
      const saved = await this.webhooks.save(em, webhook);
      const view = toWebhookView(saved);
      await this.outbox.append(em, channel.organisationId, [
        pendingEvent('webhook.created', actor.id, { userIds: [actor.id] }, { webhook: view }),
      ]);
      return this.withCredentials(view, saved, token);
    });
  }

  private withCredentials(view: WebhookView, webhook: WebhookEntity, token: string): CreatedWebhookView {
    return {
      ...view,
      token,
      incomingPath: `/webhooks/${webhook.id}/${token}`,
      signingSecret: deriveSigningSecret(this.config.WEBHOOK_SECRET_KEY, webhook.id, webhook.signingSalt),
    };
  }

  /** Replaces the webhook's settings (seed 004 sends every field); moving it needs the right to manage both channels. */
  async update(actor: UserEntity, webhookId: string, input: SaveWebhookDto): Promise<WebhookView> {
    const fields = validateFields(input);
    return this.db.transaction(async (em) => {
      const webhook = await this.manageable(actor, webhookId, em);
      const previous = toWebhookView(webhook);
      if (input.channelID !== webhook.channelId) await this.channelToManage(em, actor, input.channelID);
      if (input.userID !== webhook.userId) await this.requireBot(em, actor, input.userID);
      Object.assign(webhook, fields, { channelId: input.channelID, userId: input.userID, updatedAt: new Date() });
      const view = toWebhookView(await this.webhooks.save(em, webhook));
      await this.outbox.append(em, webhook.organisationId, [
        pendingEvent('webhook.updated', actor.id, { userIds: [actor.id] }, { webhook: view, previous }),
      ]);
      return view;
    });
  }

  /** A new token and signing secret (a leaked one stops working at once); shown once, like at creation. */
  async rotateCredentials(actor: UserEntity, webhookId: string): Promise<CreatedWebhookView> {
    return this.db.transaction(async (em) => {
      const webhook = await this.manageable(actor, webhookId, em);
      const previous = toWebhookView(webhook);
      const token = newWebhookToken();
      Object.assign(webhook, {
        tokenHash: hashWebhookToken(token),
        signingSalt: newSigningSalt(),
        updatedAt: new Date(),
      });
      const view = toWebhookView(await this.webhooks.save(em, webhook));
      await this.outbox.append(em, webhook.organisationId, [
        pendingEvent('webhook.updated', actor.id, { userIds: [actor.id] }, { webhook: view, previous }),
      ]);
      return this.withCredentials(view, webhook, token);
    });
  }

  async delete(actor: UserEntity, webhookId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const webhook = await this.manageable(actor, webhookId, em);
      await this.softDelete(em, webhook, actor.id);
    });
  }

  /** `DELETE /webhooks/{id}/{token}`: whoever holds the token may remove the webhook. */
  async deleteWithToken(webhookId: string, token: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const webhook = await this.byToken(em, webhookId, token);
      await this.softDelete(em, webhook, null);
    });
  }

  /** Posts the incoming webhook's message as its bot, with the display name and avatar (overrides first). */
  async postIncoming(webhookId: string, input: IncomingWebhookDto): Promise<MessageView> {
    if (input.avatarURL !== undefined) requireHttpUrl(input.avatarURL, 'avatarURL');
    return this.db.transaction(async (em) => {
      const webhook = await this.byToken(em, webhookId, input.token);
      if (webhook.kind !== 'incoming')
        throw new DomainError(ErrorCode.BadRequest, 'This is an outgoing webhook; it does not accept messages');
      const { channel, bot } = await this.speaker(em, webhook);
      const message = await this.messages.insertInTransaction(em, channel, bot, input.content, {
        webhookId: webhook.id,
        displayName: input.username || webhook.username,
        avatarUrl: input.avatarURL || webhook.avatarUrl,
      });
      return toMessageView(message);
    });
  }

  /** The channel and bot a webhook speaks with, refused clearly when either can no longer be used. */
  async speaker(em: EntityManager, webhook: WebhookEntity): Promise<{ channel: ChannelEntity; bot: UserEntity }> {
    const channel = await this.channels.findById(webhook.channelId, em);
    if (!channel || channel.deletedAt)
      throw new DomainError(ErrorCode.ChannelNotFound, 'The webhook’s channel no longer exists');
    ChannelAccess.assertWritable(channel);
    const bot = await this.users.findById(webhook.userId, em);
    if (!bot || bot.deactivatedAt)
      throw new DomainError(ErrorCode.AccountInactive, 'The webhook’s bot user is deactivated');
    return { channel, bot };
  }

  private async softDelete(em: EntityManager, webhook: WebhookEntity, actorId: string | null): Promise<void> {
    webhook.deletedAt = new Date();
    await this.webhooks.save(em, webhook);
    await this.outbox.append(em, webhook.organisationId, [
      pendingEvent(
        'webhook.deleted',
        actorId,
        { userIds: [actorId ?? webhook.ownerId] },
        { webhook: toWebhookView(webhook) },
      ),
    ]);
  }

  /** Unknown webhook and wrong token get the same answer, so a token guess reveals nothing. */
  private async byToken(em: EntityManager, webhookId: string, token: string): Promise<WebhookEntity> {
    const notFound = new DomainError(ErrorCode.WebhookNotFound, 'No webhook with this id and token');
    if (!isWebhookTokenShaped(token)) throw notFound;
    const webhook = await this.webhooks.findLive(webhookId, em, true);
    if (!webhook || !tokenMatches(token, webhook.tokenHash)) throw notFound;
    return webhook;
  }

  /** Webhooks the actor may not manage answer 404 like unknown ones. */
  private async manageable(
    actor: UserEntity,
    webhookId: string,
    em: EntityManager = this.db.manager,
  ): Promise<WebhookEntity> {
    const webhook = await this.webhooks.findLive(webhookId, em, em !== this.db.manager);
    if (
      !webhook ||
      webhook.organisationId !== actor.organisationId ||
      !(await this.mayManageChannel(actor, webhook.channelId, em))
    ) {
      throw new DomainError(ErrorCode.WebhookNotFound, `Webhook ${webhookId} not found`);
    }
    return webhook;
  }

  private async mayManageChannel(
    actor: UserEntity,
    channelId: string,
    em: EntityManager = this.db.manager,
  ): Promise<boolean> {
    const channel = await this.channels.findById(channelId, em);
    if (!channel) return false;
    return canManageWebhook(
      actor,
      channel,
      await this.channels.findMembership(channel.id, actor.id, em),
      await this.permissions.forActor(actor, em),
    );
  }

  private async channelToManage(em: EntityManager, actor: UserEntity, channelId: string): Promise<ChannelEntity> {
    const { channel, membership, perms } = await this.access.readable(actor, channelId, em);
    if (!canManageWebhook(actor, channel, membership, perms))
      throw new DomainError(
        ErrorCode.Forbidden,
        'Only organisation admins and the channel’s owners can manage its webhooks',
      );
    ChannelAccess.assertWritable(channel);
    return channel;
  }

  private async requireBot(em: EntityManager, actor: UserEntity, userId: string): Promise<UserEntity> {
    const [bot] = await this.users.findActiveInOrganisation(actor.organisationId, [userId], em);
    if (!bot) throw new DomainError(ErrorCode.UserNotFound, `User ${userId} not found`);
    if (bot.kind !== 'bot')
      throw new DomainError(ErrorCode.ValidationFailed, 'userID must name a bot user', [
        { field: 'userID', message: 'userID must be a bot user' },
      ]);
    return bot;
  }
}

type WebhookFields = Pick<WebhookEntity, 'kind' | 'trigger' | 'url' | 'username' | 'avatarUrl'>;

/** Outgoing webhooks need an http(s) URL; incoming ones have no URL or trigger. */
function validateFields(input: SaveWebhookDto): WebhookFields {
  const trigger = input.trigger?.trim() || null;
  const url = input.url?.trim() || null;
  if (input.kind === 'outgoing' && !url)
    throw new DomainError(ErrorCode.ValidationFailed, 'An outgoing webhook needs a url', [
      { field: 'url', message: 'url is required for outgoing webhooks' },
    ]);
  if (input.kind === 'incoming' && (url || trigger)) {
    throw new DomainError(ErrorCode.ValidationFailed, 'An incoming webhook has no url or trigger', [
      { field: url ? 'url' : 'trigger', message: 'only outgoing webhooks take url and trigger' },
    ]);
  }
  if (url) requireHttpUrl(url, 'url');
  if (trigger && /\s$/.test(trigger)) throw new DomainError(ErrorCode.ValidationFailed, 'Invalid trigger');
  const avatarUrl = input.avatarURL?.trim() || null;
  if (avatarUrl) requireHttpUrl(avatarUrl, 'avatarURL');
  return { kind: input.kind, trigger, url, username: input.username?.trim() || null, avatarUrl };
}

function requireHttpUrl(value: string, field: string): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(value);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) {
    throw new DomainError(ErrorCode.ValidationFailed, `${field} must be an http or https URL`, [
      { field, message: `${field} must be an http or https URL` },
    ]);
  }
}
