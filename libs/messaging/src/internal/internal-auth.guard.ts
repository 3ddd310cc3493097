import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import {
  ACTOR_HEADER,
  DomainError,
  ErrorCode,
  INTERNAL_SECRET_HEADER,
  type InternalRoutes,
  isId,
} from '@switchboard/contracts';
import { checkedPathParams } from '@switchboard/platform';
import type { UserEntity } from '@switchboard/db';
import { MessagingConfig } from '../messaging.config';
import { StatusService } from '../status/status.service';
import { ActorCache } from '../users/actor-cache';
import type { IdsOf } from './internal-route.decorator';

type InternalRequest = Request & { actor?: UserEntity };

/**
 * The internal API trusts only callers holding the shared secret (the edges). When they act for a
 * user, the user is loaded here, and a deactivated one is refused, whatever the edge believed.
 */
@Injectable()
export class InternalAuthGuard implements CanActivate {
  private readonly secret: Buffer;

  constructor(
    config: MessagingConfig,
    private readonly actors: ActorCache,
    private readonly statuses: StatusService,
  ) {
    this.secret = Buffer.from(config.INTERNAL_API_SECRET);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<InternalRequest>();
    req.actor = await this.actorOf(req);
    return true;
  }

  /**
   * Checks the shared secret and loads the user the call acts for (undefined when it names none);
   * also used by the routes served outside Nest (messages/hot-post-route.ts).
   */
  async actorOf(req: Request): Promise<UserEntity | undefined> {
    this.checkSecret(req);
    const actorId = req.header(ACTOR_HEADER);
    return actorId === undefined ? undefined : this.actorById(actorId);
  }

  checkSecret(req: Request): void {
    const given = Buffer.from(req.header(INTERNAL_SECRET_HEADER) ?? '');
    if (given.length !== this.secret.length || !timingSafeEqual(given, this.secret))
      throw new DomainError(ErrorCode.NotAuthenticated, 'Internal API secret missing or wrong');
  }

  /** The user a call (or one post of a batch) acts for; unknown and deactivated users are refused. */
  async actorById(actorId: string): Promise<UserEntity> {
    const cached = isId(actorId) ? await this.actors.get(actorId) : null;
    if (!cached) throw new DomainError(ErrorCode.InvalidToken, 'Unknown actor');
    const actor = cached.user;
    if (actor.deactivatedAt) throw new DomainError(ErrorCode.AccountInactive, 'This account is deactivated');
    // Activity clears a `when-active` status; it never delays or fails the call itself.
    if (cached.whenActiveSetAt && this.statuses.whenActiveDue(cached.whenActiveSetAt))
      void this.statuses.noteActivity(actor).catch(() => undefined);
    return actor;
  }
}

function requiredActor(context: ExecutionContext): UserEntity {
  const actor = context.switchToHttp().getRequest<InternalRequest>().actor;
  if (!actor) throw new DomainError(ErrorCode.NotAuthenticated, 'No actor given');
  return actor;
}

/** The user an internal call acts for; routes that use it refuse calls without one. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): UserEntity =>
  requiredActor(context),
);

/** What `@ActorCall()` hands a handler of `InternalRoutes[Name]`: the actor and the path ids. */
export interface ActorCallOf<Name extends keyof typeof InternalRoutes> {
  actor: UserEntity;
  ids: IdsOf<Name>;
}

/** `@Actor()` and `@PathIds()` in one: the actor (required), then the path params, ids checked. */
export const ActorCall = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ActorCallOf<keyof typeof InternalRoutes> => ({
    actor: requiredActor(context),
    ids: checkedPathParams(context) as never,
  }),
);
