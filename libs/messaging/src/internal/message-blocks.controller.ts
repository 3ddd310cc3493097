import { Body, Param, Query } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import {
  DomainError,
  ErrorCode,
  type MessageView,
  PostBlocksMessageDto,
  isId,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { IdParamPipe } from '@switchboard/platform';
import { MessageBlocksService } from '../apps/message-blocks.service';
import { Actor } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

/** Messages with Block Kit blocks (Slack chat.postMessage), and their blocks for history pages. */
@InternalController()
export class InternalMessageBlocksController {
  constructor(private readonly blocks: MessageBlocksService) {}

  @InternalRoute(InternalRoutes.postBlocksMessage)
  post(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Body() body: PostBlocksMessageDto,
  ): Promise<MessageView & { blocks: unknown[] }> {
    return this.blocks.post(actor, channelId, body);
  }

  /** `ids` comma-separated, at most 1000. */
  @InternalRoute(InternalRoutes.messageBlocks)
  ofMessages(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Query('ids') ids?: string,
  ): Promise<Record<string, unknown[]>> {
    const list = (ids ?? '').split(',').filter((id) => id !== '');
    if (list.length > 1000 || !list.every(isId))
      throw new DomainError(ErrorCode.ValidationFailed, 'ids must be up to 1000 comma-separated ids');
    return this.blocks.ofMessages(actor, channelId, list);
  }
}
