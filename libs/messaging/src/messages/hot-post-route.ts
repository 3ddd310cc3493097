import { Injectable } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import {
  DomainError,
  ErrorCode,
  type BatchedPostDto,
  INTERNAL_PREFIX,
  InternalRoutes,
  MAX_POST_BATCH,
  type MessageView,
  type PlainPostBody,
  VIEWER_CAPABILITIES_QUERY,
  checkPostBody,
  isId,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { DialectErrorFilter, validationError } from '@switchboard/platform';
import { InternalAuthGuard } from '../internal/internal-auth.guard';
import { ViewerCapabilitiesService } from '../views/viewer-capabilities.service';
import { MessageService } from './message.service';
import { PostBatchService } from './post-batch.service';

const WITH_CAPABILITIES = `${VIEWER_CAPABILITIES_QUERY}=1`;

/**
 * The internal `POST /internal/v1/channels/:channelId/messages` and the batch of posts
 * (InternalRoutes.postMessages) as plain Express routes in front of Nest: what
 * InternalMessagesController.post and .postMany do (internal auth, the same validation and error
 * bodies, the same service calls, capabilities when asked), without the guard, pipe and
 * interceptor machinery. Anything unusual (another query, a body of another shape) goes on to Nest
 * unchanged.
 */
@Injectable()
export class HotPostRoute {
  private readonly errors = new DialectErrorFilter('corteza');

  constructor(
    private readonly auth: InternalAuthGuard,
    private readonly messages: MessageService,
    private readonly capabilities: ViewerCapabilitiesService,
    private readonly batches: PostBatchService,
  ) {}

  router(): express.Router {
    const post = express.Router();
    post.post(InternalRoutes.postMessage.path, (req, res, next) => void this.handle(req, res, next));
    post.post(InternalRoutes.postMessages.path, (req, res, next) => void this.handleBatch(req, res, next));
    return express.Router().use(INTERNAL_PREFIX, post);
  }

  private async handle(req: Request, res: Response, next: NextFunction): Promise<void> {
    const query = req.url.indexOf('?');
    const withCapabilities = query >= 0 && req.url.slice(query + 1) === WITH_CAPABILITIES;
    if (query >= 0 && !withCapabilities) return next();
    const checked = checkPostBody(req.body);
    if ('unusual' in checked) return next();
    try {
      const actor = await this.auth.actorOf(req);
      if (!actor) throw new DomainError(ErrorCode.NotAuthenticated, 'No actor given');
      (req as Request & { actor?: UserEntity }).actor = actor;
      const channelId = req.params.channelId as string;
      if (!isId(channelId))
        throw new DomainError(ErrorCode.BadRequest, `Not a valid id: ${String(channelId).slice(0, 40)}`);
      if ('details' in checked) throw validationError(checked.details);
      const view = await this.post(actor, channelId, checked.body);
      if (withCapabilities) await this.capabilities.decorate(actor, view);
      // Nest's default for a POST; no ETag: nothing caches internal answers.
      res.statusCode = 201;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(view));
    } catch (error: unknown) {
      this.errors.answer(error, res);
    }
  }

  private async handleBatch(req: Request, res: Response, next: NextFunction): Promise<void> {
    const posts = plainBatch(req);
    if (!posts) return next();
    try {
      this.auth.checkSecret(req);
      const answer = await this.batches.run(posts);
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(answer));
    } catch (error: unknown) {
      this.errors.answer(error, res);
    }
  }

  private post(actor: UserEntity, channelId: string, body: PlainPostBody): Promise<MessageView> {
    return this.messages.post(actor, channelId, body.message, undefined, undefined, body.topic);
  }
}

const BATCHED_POST_KEYS = new Set(['actorId', 'channelId', 'message', 'topic']);

/** The posts of a batch body that PostBatchDto accepts as it is, or null for anything to leave to Nest. */
function plainBatch(req: Request): BatchedPostDto[] | null {
  if (req.url.includes('?')) return null;
  const body = req.body as { posts?: unknown } | undefined;
  if (!isPlainObject(body) || Object.keys(body).length !== 1 || !Array.isArray(body.posts)) return null;
  const posts = body.posts as unknown[];
  if (posts.length === 0 || posts.length > MAX_POST_BATCH) return null;
  for (const post of posts) {
    if (!isPlainObject(post)) return null;
    for (const key in post) if (!BATCHED_POST_KEYS.has(key)) return null;
    const { actorId, channelId, message, topic } = post as Partial<BatchedPostDto>;
    if (typeof actorId !== 'string' || typeof channelId !== 'string' || typeof message !== 'string') return null;
    if (topic !== undefined && typeof topic !== 'string') return null;
  }
  return posts as BatchedPostDto[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
