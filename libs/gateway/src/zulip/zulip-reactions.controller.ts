import { Delete, HttpCode, Param, Post } from '@nestjs/common';
import { InternalRoutes } from '@switchboard/contracts';
import { CurrentZulipCall, type ZulipCall } from './zulip-call';
import { ForwardsToMessaging } from '../corteza/messaging-forwarder';
import { zulipReactionTarget } from './zulip-reaction-params';
import { success, zulipIdParam } from './zulip-params';
import { ZulipController } from './zulip-controller.decorator';

/** Emoji reactions of one message, in Zulip's terms (the domain decides who may react, and refuses duplicates). */
@ZulipController('api/v1/messages')
export class ZulipReactionsController extends ForwardsToMessaging {
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
