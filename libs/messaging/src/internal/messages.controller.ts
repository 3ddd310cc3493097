import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { EditMessageDto, INTERNAL_PREFIX, ListMessagesQuery, type MessagePage, type MessageView, PostMessageDto } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { MessageService } from '../messages/message.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';
import { IdParamPipe } from '@switchboard/platform';

@Controller(`${INTERNAL_PREFIX}/channels/:channelId/messages`)
@UseGuards(InternalAuthGuard)
export class InternalMessagesController {
  constructor(private readonly messages: MessageService) {}

  @Get()
  history(@Actor() actor: UserEntity, @Param('channelId', IdParamPipe) channelId: string, @Query() query: ListMessagesQuery): Promise<MessagePage> {
    return this.messages.history(actor, channelId, query);
  }

  @Post()
  post(@Actor() actor: UserEntity, @Param('channelId', IdParamPipe) channelId: string, @Body() body: PostMessageDto): Promise<MessageView> {
    return this.messages.post(actor, channelId, body.message, undefined, body.topic);
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
  async delete(@Actor() actor: UserEntity, @Param('channelId', IdParamPipe) channelId: string, @Param('messageId', IdParamPipe) messageId: string): Promise<{ deleted: true }> {
    await this.messages.delete(actor, channelId, messageId);
    return { deleted: true };
  }

  @Get(':messageId/replies')
  thread(@Actor() actor: UserEntity, @Param('channelId', IdParamPipe) channelId: string, @Param('messageId', IdParamPipe) messageId: string): Promise<MessageView[]> {
    return this.messages.thread(actor, channelId, messageId);
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
