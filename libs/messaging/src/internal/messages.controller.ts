import { Body, HttpCode, Param, Query } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
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
import { Actor, ActorCall, type ActorCallOf } from './internal-auth.guard';
import { IdParamPipe } from '@switchboard/platform';
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
    @ActorCall() { actor, ids }: ActorCallOf<'listMessages'>,
    @Query() query: ListMessagesQuery,
  ): Promise<MessagePage> {
    const page = await this.messages.history(actor, ids.channelId, query);
    return { ...page, messages: await this.attachments.withAttachments(actor.id, page.messages) };
  }

  /** History between Slack `ts` bounds (conversations.history). */
  @InternalRoute(InternalRoutes.messageWindow)
  window(
    @ActorCall() { actor, ids }: ActorCallOf<'messageWindow'>,
    @Query() query: MessageWindowQuery,
  ): Promise<MessagePage> {
    return this.messages.window(actor, ids.channelId, query);
  }

  @InternalRoute(InternalRoutes.messageByTs)
  byTs(@ActorCall() { actor, ids: { channelId, ts } }: ActorCallOf<'messageByTs'>): Promise<MessageView> {
    if (!isSlackTs(ts)) throw new DomainError(ErrorCode.BadRequest, 'Not a valid ts');
    return this.messages.byTs(actor, channelId, ts);
  }

  @InternalRoute(InternalRoutes.getMessage)
  get(@ActorCall() { actor, ids }: ActorCallOf<'getMessage'>): Promise<MessageView> {
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
  edit(@ActorCall() { actor, ids }: ActorCallOf<'editMessage'>, @Body() body: EditMessageDto): Promise<MessageView> {
    return this.messages.edit(actor, ids.channelId, ids.messageId, body.message, body.topic);
  }

  @InternalRoute(InternalRoutes.deleteMessage)
  @HttpCode(200)
  async delete(@ActorCall() { actor, ids }: ActorCallOf<'deleteMessage'>): Promise<{ deleted: true }> {
    await this.messages.delete(actor, ids.channelId, ids.messageId);
    return { deleted: true };
  }

  @InternalRoute(InternalRoutes.listReplies)
  async thread(@ActorCall() { actor, ids }: ActorCallOf<'listReplies'>): Promise<MessageView[]> {
    return this.attachments.withAttachments(actor.id, await this.messages.thread(actor, ids.channelId, ids.messageId));
  }

  @InternalRoute(InternalRoutes.postReply)
  reply(@ActorCall() { actor, ids }: ActorCallOf<'postReply'>, @Body() body: PostMessageDto): Promise<MessageView> {
    return this.messages.post(actor, ids.channelId, body.message, ids.messageId);
  }
}
