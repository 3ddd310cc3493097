import { Controller, Delete, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { InternalRoutes } from '@switchboard/contracts';
import { Dialect } from '@switchboard/platform';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentZulipCall, type ZulipCall } from './zulip-call';
import { MessagingForwarder } from '../corteza/messaging-forwarder';
import { zulipReactionTarget } from './zulip-reaction-params';
import { success, zulipIdParam } from './zulip-params';

/** Emoji reactions of one message, in Zulip's terms (the domain decides who may react, and refuses duplicates). */
@Dialect('zulip')
@Controller('api/v1/messages')
@UseGuards(AuthGuard)
export class ZulipReactionsController {
  constructor(private readonly messaging: MessagingForwarder) {}

  @Post(':id/reactions')
  @HttpCode(200)
  add(@CurrentZulipCall() call: ZulipCall, @Param('id') id: string) {
    return this.react(call, id, true);
  }

  @Delete(':id/reactions')
  remove(@CurrentZulipCall() call: ZulipCall, @Param('id') id: string) {
    return this.react(call, id, false);
  }

  private async react({ principal, requestId, params }: ZulipCall, id: string, add: boolean) {
    const messageId = zulipIdParam(id, 'message');
    const target = zulipReactionTarget(params, add);
    const path = { zulipId: messageId, reaction: target.name };
    if (add)
      await this.messaging.forward(principal, requestId, InternalRoutes.addReactionByZulipId, {
        params: path,
        query: target.existingOnly ? { existingOnly: true } : {},
      });
    else await this.messaging.forward(principal, requestId, InternalRoutes.removeReactionByZulipId, { params: path });
    return success();
  }
}
