import { Controller, Delete, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { InternalRoutes } from '@switchboard/contracts';
import type { Request } from 'express';
import type { Principal } from '@switchboard/contracts';
import { Dialect } from '@switchboard/platform';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { MessagingForwarder } from '../corteza/messaging-forwarder';
import { zulipReactionTarget } from './zulip-reaction-params';
import { success, zulipIdParam, zulipParams } from './zulip-params';

/** Emoji reactions of one message, in Zulip's terms (the domain decides who may react, and refuses duplicates). */
@Dialect('zulip')
@Controller('api/v1/messages')
@UseGuards(AuthGuard)
export class ZulipReactionsController {
  constructor(private readonly messaging: MessagingForwarder) {}

  @Post(':id/reactions')
  @HttpCode(200)
  add(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('id') id: string,
    @Req() req: Request,
  ) {
    return this.react(principal, requestId, id, req, true);
  }

  @Delete(':id/reactions')
  remove(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('id') id: string,
    @Req() req: Request,
  ) {
    return this.react(principal, requestId, id, req, false);
  }

  private async react(principal: Principal, requestId: string, id: string, req: Request, add: boolean) {
    const messageId = zulipIdParam(id, 'message');
    const target = zulipReactionTarget(zulipParams(req), add);
    const params = { zulipId: messageId, reaction: target.name };
    if (add)
      await this.messaging.forward(principal, requestId, InternalRoutes.addReactionByZulipId, {
        params,
        query: target.existingOnly ? { existingOnly: true } : {},
      });
    else await this.messaging.forward(principal, requestId, InternalRoutes.removeReactionByZulipId, { params });
    return success();
  }
}
