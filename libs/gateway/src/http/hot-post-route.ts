import { Injectable } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DomainError, ErrorCode, checkPostBody, isId } from '@switchboard/contracts';
import { DialectErrorFilter, validationError } from '@switchboard/platform';
import { type AuthenticatedRequest, Authenticator } from '../auth/authenticator';
import { toCortezaMessage } from '../corteza/corteza-views';
import { PostCoalescer } from './post-coalescer';

/**
 * `POST /channels/:channelID/messages` (Corteza dialect) as a plain Express route in front of Nest:
 * the post every client makes most, answered without Nest's guard, pipe and interceptor machinery
 * and without class-validator. It does what MessagesController.post does (same authentication,
 * same validation and error bodies, same answer; the upstream call goes through PostCoalescer, which
 * batches it with others under load); anything unusual (a body that is not a plain JSON
 * object of `message` and `topic`, a query string, a form) goes on to Nest unchanged.
 */
@Injectable()
export class HotPostRoute {
  private readonly errors = new DialectErrorFilter('corteza');

  constructor(
    private readonly authenticator: Authenticator,
    private readonly posts: PostCoalescer,
  ) {}

  router(): express.Router {
    const router = express.Router();
    router.post('/channels/:channelID/messages', (req, res, next) => void this.handle(req, res, next));
    return router;
  }

  private async handle(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (req.url.includes('?')) return next();
    const checked = checkPostBody(req.body);
    if ('unusual' in checked) return next();
    try {
      const principal = await this.authenticator.authenticate(req);
      (req as AuthenticatedRequest).principal = principal;
      const channelId = req.params.channelID as string;
      if (!isId(channelId))
        throw new DomainError(ErrorCode.BadRequest, `Not a valid id: ${String(channelId).slice(0, 40)}`);
      if ('details' in checked) throw validationError(checked.details);
      const view = await this.posts.post(principal, channelId, checked.body);
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ response: toCortezaMessage(view) }));
    } catch (error: unknown) {
      this.errors.answer(error, res);
    }
  }
}
