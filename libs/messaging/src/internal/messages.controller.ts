import { Body, HttpCode, Param, Query } from '@nestjs/common';
import { type IdsOf, InternalRoute } from './internal-route.decorator';
import {
  DomainError,
  ErrorCode,
  isSlackTs,
  EditMessageDto,
  ListMessagesQuery,
  type MessagePage,
  type MessageView,
  MessageWindowQuery,
  PostMessageDto,
  InternalRoutes,
  PostBatchDto,
  type PostBatchAnswer,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { AttachmentService } from '../attachments/attachment.service';
import { MessageService } from '../messages/message.service';
import { PostBatchService } from '../messages/post-batch.service';
import { Actor } from './internal-auth.guard';
import { IdParamPipe, PathIds } from '@switchboard/platform';
import { InternalController } from './internal-controller.decorator';

@InternalController()
export class InternalMessagesController {
  constructor(
    private readonly messages: MessageService,
    private readonly attachments: AttachmentService,
    private readonly batches: PostBatchService,
  ) {}

  @InternalRoute(InternalRoutes.listMessages)
  async history(
    @Actor() actor: UserEntity,
    @PathIds() ids: IdsOf<'listMessages'>,
    @Query() query: ListMessagesQuery,
  ): Promise<MessagePage> {
    const page = await this.messages.history(actor, ids.channelId, query);
    return { ...page, messages: await this.attachments.withAttachments(actor.id, page.messages) };
  }

  /** History between Slack `ts` bounds (conversations.history). */
  @InternalRoute(InternalRoutes.messageWindow)
  window(
    @Actor() actor: UserEntity,
    @PathIds() ids: IdsOf<'messageWindow'>,
    @Query() query: MessageWindowQuery,
  ): Promise<MessagePage> {
    return this.messages.window(actor, ids.channelId, query);
  }

  @InternalRoute(InternalRoutes.messageByTs)
  byTs(@Actor() actor: UserEntity, @PathIds() { channelId, ts }: IdsOf<'messageByTs'>): Promise<MessageView> {
    if (!isSlackTs(ts)) throw new DomainError(ErrorCode.BadRequest, 'Not a valid ts');
    return this.messages.byTs(actor, channelId, ts);
  }

  @InternalRoute(InternalRoutes.getMessage)
  get(@Actor() actor: UserEntity, @PathIds() ids: IdsOf<'getMessage'>): Promise<MessageView> {
    return this.messages.get(actor, ids.channelId, ids.messageId);
  }

  @InternalRoute(InternalRoutes.postMessage)
  post(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Body() body: PostMessageDto,
  ): Promise<MessageView> {
    return this.messages.post(actor, channelId, body.message, undefined, undefined, body.topic);
  }

  @InternalRoute(InternalRoutes.postMessages)
  @HttpCode(200)
  postMany(@Body() body: PostBatchDto): Promise<PostBatchAnswer> {
    return this.batches.run(body.posts);
  }

  @InternalRoute(InternalRoutes.editMessage)
  edit(
    @Actor() actor: UserEntity,
    @PathIds() ids: IdsOf<'editMessage'>,
    @Body() body: EditMessageDto,
  ): Promise<MessageView> {
    return this.messages.edit(actor, ids.channelId, ids.messageId, body.message, body.topic);
  }

  @InternalRoute(InternalRoutes.deleteMessage)
  @HttpCode(200)
  async delete(@Actor() actor: UserEntity, @PathIds() ids: IdsOf<'deleteMessage'>): Promise<{ deleted: true }> {
    await this.messages.delete(actor, ids.channelId, ids.messageId);
    return { deleted: true };
  }

  @InternalRoute(InternalRoutes.listReplies)
  async thread(@Actor() actor: UserEntity, @PathIds() ids: IdsOf<'listReplies'>): Promise<MessageView[]> {
    return this.attachments.withAttachments(actor.id, await this.messages.thread(actor, ids.channelId, ids.messageId));
  }

  @InternalRoute(InternalRoutes.postReply)
  reply(
    @Actor() actor: UserEntity,
    @PathIds() ids: IdsOf<'postReply'>,
    @Body() body: PostMessageDto,
  ): Promise<MessageView> {
    return this.messages.post(actor, ids.channelId, body.message, ids.messageId);
  }
}
