import { Body, Controller, HttpCode, Param, Query, UseGuards } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import {
  DomainError,
  ErrorCode,
  isSlackTs,
  EditMessageDto,
  INTERNAL_PREFIX,
  ListMessagesQuery,
  type MessagePage,
  type MessageView,
  MessageWindowQuery,
  PostMessageDto,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { AttachmentService } from '../attachments/attachment.service';
import { MessageService } from '../messages/message.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';
import { IdParamPipe } from '@switchboard/platform';

@Controller(INTERNAL_PREFIX)
@UseGuards(InternalAuthGuard)
export class InternalMessagesController {
  constructor(
    private readonly messages: MessageService,
    private readonly attachments: AttachmentService,
  ) {}

  @InternalRoute(InternalRoutes.listMessages)
  async history(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Query() query: ListMessagesQuery,
  ): Promise<MessagePage> {
    const page = await this.messages.history(actor, channelId, query);
    return { ...page, messages: await this.attachments.withAttachments(actor.id, page.messages) };
  }

  /** History between Slack `ts` bounds (conversations.history). */
  @InternalRoute(InternalRoutes.messageWindow)
  window(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Query() query: MessageWindowQuery,
  ): Promise<MessagePage> {
    return this.messages.window(actor, channelId, query);
  }

  @InternalRoute(InternalRoutes.messageByTs)
  byTs(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('ts') ts: string,
  ): Promise<MessageView> {
    if (!isSlackTs(ts)) throw new DomainError(ErrorCode.BadRequest, 'Not a valid ts');
    return this.messages.byTs(actor, channelId, ts);
  }

  @InternalRoute(InternalRoutes.getMessage)
  get(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<MessageView> {
    return this.messages.get(actor, channelId, messageId);
  }

  @InternalRoute(InternalRoutes.postMessage)
  post(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Body() body: PostMessageDto,
  ): Promise<MessageView> {
    return this.messages.post(actor, channelId, body.message, undefined, undefined, body.topic);
  }

  @InternalRoute(InternalRoutes.editMessage)
  edit(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
    @Body() body: EditMessageDto,
  ): Promise<MessageView> {
    return this.messages.edit(actor, channelId, messageId, body.message, body.topic);
  }

  @InternalRoute(InternalRoutes.deleteMessage)
  @HttpCode(200)
  async delete(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<{ deleted: true }> {
    await this.messages.delete(actor, channelId, messageId);
    return { deleted: true };
  }

  @InternalRoute(InternalRoutes.listReplies)
  async thread(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<MessageView[]> {
    return this.attachments.withAttachments(actor.id, await this.messages.thread(actor, channelId, messageId));
  }

  @InternalRoute(InternalRoutes.postReply)
  reply(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
    @Body() body: PostMessageDto,
  ): Promise<MessageView> {
    return this.messages.post(actor, channelId, body.message, messageId);
  }
}
