import { Injectable } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import {
  DomainError,
  ErrorCode,
  INTERNAL_PREFIX,
  InternalRoutes,
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

const WITH_CAPABILITIES = `${VIEWER_CAPABILITIES_QUERY}=1`;

/**
 * The internal `POST /internal/v1/channels/:channelId/messages` as a plain Express route in front
 * of Nest: what InternalMessagesController.post does (internal auth, the same validation and
 * error bodies, the same service call, capabilities when asked), without the guard, pipe and
 * interceptor machinery. Anything unusual (another query, a body that is not a plain object of
 * `message` and `topic`) goes on to Nest unchanged.
 */
@Injectable()
export class HotPostRoute {
  private readonly errors = new DialectErrorFilter('corteza');

  constructor(
    private readonly auth: InternalAuthGuard,
    private readonly messages: MessageService,
    private readonly capabilities: ViewerCapabilitiesService,
  ) {}

  router(): express.Router {
    const post = express.Router();
    post.post(InternalRoutes.postMessage.path, (req, res, next) => void this.handle(req, res, next));
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

  private post(actor: UserEntity, channelId: string, body: PlainPostBody): Promise<MessageView> {
    return this.messages.post(actor, channelId, body.message, undefined, undefined, body.topic);
  }
}
