import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
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
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { AttachmentService } from '../attachments/attachment.service';
import { MessageService } from '../messages/message.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';
import { IdParamPipe } from '@switchboard/platform';

@Controller(`${INTERNAL_PREFIX}/channels/:channelId/messages`)
@UseGuards(InternalAuthGuard)
export class InternalMessagesController {
  constructor(
    private readonly messages: MessageService,
    private readonly attachments: AttachmentService,
  ) {}

  @Get()
  async history(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Query() query: ListMessagesQuery,
  ): Promise<MessagePage> {
    const page = await this.messages.history(actor, channelId, query);
    return { ...page, messages: await this.attachments.withAttachments(actor.id, page.messages) };
  }

  /** History between Slack `ts` bounds (conversations.history). */
  @Get('window')
  window(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Query() query: MessageWindowQuery,
  ): Promise<MessagePage> {
    return this.messages.window(actor, channelId, query);
  }

  @Get('by-ts/:ts')
  byTs(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('ts') ts: string,
  ): Promise<MessageView> {
    if (!isSlackTs(ts)) throw new DomainError(ErrorCode.BadRequest, 'Not a valid ts');
    return this.messages.byTs(actor, channelId, ts);
  }

  @Get(':messageId')
  get(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<MessageView> {
    return this.messages.get(actor, channelId, messageId);
  }

  @Post()
  post(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Body() body: PostMessageDto,
  ): Promise<MessageView> {
    return this.messages.post(actor, channelId, body.message, undefined, undefined, body.topic);
  }

  @Put(':messageId')
  edit(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
    @Body() body: EditMessageDto,
  ): Promise<MessageView> {
    return this.messages.edit(actor, channelId, messageId, body.message, body.topic);
  }

  @Delete(':messageId')
  @HttpCode(200)
  async delete(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<{ deleted: true }> {
    await this.messages.delete(actor, channelId, messageId);
    return { deleted: true };
  }

  @Get(':messageId/replies')
  async thread(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<MessageView[]> {
    return this.attachments.withAttachments(actor.id, await this.messages.thread(actor, channelId, messageId));
  }

  @Post(':messageId/replies')
  reply(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
    @Body() body: PostMessageDto,
  ): Promise<MessageView> {
    return this.messages.post(actor, channelId, body.message, messageId);
  }
}
