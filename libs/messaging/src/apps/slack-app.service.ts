import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type CreateSlackAppDto,
  type CreatedAppTokenView,
  type CreatedSlackAppView,
  DomainError,
  ErrorCode,
  SLACK_APP_EVENT_TYPES,
  type SlackAppEventType,
  type SlackAppView,
  type SlackEventsTarget,
} from '@switchboard/contracts';
import type { SlackAppEntity, SlackAppTokenKind, UserEntity } from '@switchboard/db';
import { IdGenerator } from '../ids/id-generator';
import { MessagingConfig } from '../messaging.config';
import { OrganisationService } from '../organisations/organisation.service';
import { UserRepository } from '../users/user.repository';
import { UserService } from '../users/user.service';
import { appTokenKind, deriveAppSigningSecret, hashAppToken, newAppSalt, newAppToken } from './app-secrets';
import { SlackAppRepository } from './slack-app.repository';

export interface NewSlackApp {
  name: string;
  handle?: string;
  eventTypes: string[];
  requestURL?: string | null;
  socketMode?: boolean;
}

/** Apps, their bot users and tokens: creation (admin CLI and admin REST), token resolution, delivery targets. */
@Injectable()
export class SlackAppService {
  constructor(
    private readonly apps: SlackAppRepository,
    private readonly users: UserService,
    private readonly userRepository: UserRepository,
    private readonly organisations: OrganisationService,
    private readonly ids: IdGenerator,
    private readonly config: MessagingConfig,
  ) {}

  /** REST: organisation admins only, in their own organisation. */
  createAsAdmin(actor: UserEntity, input: CreateSlackAppDto): Promise<CreatedSlackAppView> {
    this.assertAdmin(actor);
    return this.create(actor.organisationId, actor.id, input);
  }

  async create(organisationId: string, createdBy: string | null, input: NewSlackApp): Promise<CreatedSlackAppView> {
    const eventTypes = validEventTypes(input.eventTypes);
    const requestUrl = input.requestURL ? validRequestUrl(input.requestURL) : null;
    const name = input.name.trim();
    if (name.length < 1 || name.length > 80)
      throw new DomainError(ErrorCode.ValidationFailed, 'name must be 1 to 80 characters');
    await this.organisations.get(organisationId);
    return this.users.transaction(async (em) => {
      const id = await this.ids.next(em);
      const handle =
        input.handle ??
        (name
          .toLowerCase()
          .replace(/[^a-z0-9._-]+/g, '-')
          .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') ||
          'app');
      const bot = await this.users.create(em, {
        organisationId,
        email: `app-${id}@apps.switchboard.invalid`,
        name,
        kind: 'bot',
        role: 'member',
        handle,
      });
      const salt = newAppSalt();
      const app = {
        id,
        organisationId,
        botUserId: bot.id,
        name,
        eventTypes,
        requestUrl,
        socketMode: input.socketMode ?? false,
        signingSalt: salt,
        createdBy,
      };
      await this.apps.insert(em, app);
      const botToken = await this.issueToken(em, id, 'bot');
      return {
        ...this.view({ ...app, createdAt: new Date(), deletedAt: null }),
        botHandle: bot.handle,
        signingSecret: deriveAppSigningSecret(this.config.WEBHOOK_SECRET_KEY, id, salt),
        botToken: botToken.token,
      };
    });
  }

  async createTokenAsAdmin(actor: UserEntity, appId: string, kind: SlackAppTokenKind): Promise<CreatedAppTokenView> {
    this.assertAdmin(actor);
    const app = await this.apps.findLive(appId);
    if (!app || app.organisationId !== actor.organisationId)
      throw new DomainError(ErrorCode.NotFound, `App ${appId} not found`);
    return this.createToken(appId, kind);
  }

  async createToken(appId: string, kind: SlackAppTokenKind): Promise<CreatedAppTokenView> {
    return this.users.transaction(async (em) => {
      if (!(await this.apps.findLive(appId, em))) throw new DomainError(ErrorCode.NotFound, `App ${appId} not found`);
      return this.issueToken(em, appId, kind);
    });
  }

  async list(actor: UserEntity): Promise<SlackAppView[]> {
    this.assertAdmin(actor);
    return (await this.apps.listLive(actor.organisationId)).map((app) => this.view(app));
  }

  /** The bot user and app of an `xapp-`/`xoxb-` token, or `invalid_token`. */
  async resolveToken(token: string): Promise<{ user: UserEntity; app: SlackAppEntity; kind: SlackAppTokenKind }> {
    const kind = appTokenKind(token);
    const row = kind ? await this.apps.findToken(hashAppToken(token)) : null;
    const app = row && row.kind === kind ? await this.apps.findLive(row.appId) : null;
    const user = app ? await this.userRepository.findById(app.botUserId) : null;
    if (!row || !app || !user) throw new DomainError(ErrorCode.InvalidToken, 'Invalid token');
    if (user.deactivatedAt) throw new DomainError(ErrorCode.AccountInactive, 'This account is deactivated');
    return { user, app, kind: row.kind };
  }

  /** For the dispatcher, per attempt: the app's request URL and signing secret, or skip. */
  async eventsTarget(appId: string): Promise<SlackEventsTarget> {
    const app = await this.apps.findLive(appId);
    if (!app) return { action: 'skip', reason: 'app deleted' };
    if (!app.requestUrl) return { action: 'skip', reason: 'no request URL' };
    return {
      action: 'deliver',
      url: app.requestUrl,
      signingSecret: deriveAppSigningSecret(this.config.WEBHOOK_SECRET_KEY, app.id, app.signingSalt),
    };
  }

  private async issueToken(em: EntityManager, appId: string, kind: SlackAppTokenKind): Promise<CreatedAppTokenView> {
    const token = newAppToken(kind);
    const tokenId = await this.ids.next(em);
    await this.apps.insertToken(em, {
      id: tokenId,
      appId,
      kind,
      tokenHash: hashAppToken(token),
      prefix: token.slice(0, 10),
    });
    return { appId: appId, tokenId: tokenId, kind, token };
  }

  private assertAdmin(actor: UserEntity): void {
    if (actor.role !== 'admin') throw new DomainError(ErrorCode.Forbidden, 'Only organisation admins manage apps');
  }

  private view(app: Omit<SlackAppEntity, 'signingSalt' | 'createdBy'> & Partial<SlackAppEntity>): SlackAppView {
    return {
      appId: app.id,
      organisationId: app.organisationId,
      botUserId: app.botUserId,
      name: app.name,
      eventTypes: app.eventTypes as SlackAppEventType[],
      requestURL: app.requestUrl,
      socketMode: app.socketMode,
      createdAt: app.createdAt.toISOString(),
    };
  }
}

function validEventTypes(types: string[]): SlackAppEventType[] {
  const unknown = types.filter((type) => !(SLACK_APP_EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0)
    throw new DomainError(ErrorCode.ValidationFailed, `Unknown event types: ${unknown.join(', ')}`);
  return [...new Set(types)] as SlackAppEventType[];
}

function validRequestUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DomainError(ErrorCode.ValidationFailed, 'requestURL is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new DomainError(ErrorCode.ValidationFailed, 'requestURL must be http or https');
  return url.toString();
}
