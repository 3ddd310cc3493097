import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  EditMessageDto,
  ListMessagesQuery,
  type MessagePage,
  type MessageView,
  PostMessageDto,
  type Principal,
} from '@switchboard/contracts';
import { Dialect, IdParamPipe } from '@switchboard/platform';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';
import { type CortezaMessage, toCortezaMessage } from './corteza-views';
import { MessagingForwarder } from './messaging-forwarder';

@Dialect('corteza')
@Controller('channels/:channelID/messages')
@UseGuards(AuthGuard)
@UseInterceptors(CortezaEnvelopeInterceptor)
export class MessagesController {
  constructor(private readonly messaging: MessagingForwarder) {}

  /** History, newest first; `beforeMessageID`/`afterMessageID` page through it. */
  @Get()
  async history(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Query() query: ListMessagesQuery,
  ): Promise<{ messages: CortezaMessage[]; hasMore: boolean }> {
    const page = await this.messaging.forwardForViewer<MessagePage>(
      principal,
      requestId,
      'GET',
      `/channels/${channelId}/messages`,
      { query: { ...query } },
    );
    return { messages: page.messages.map(toCortezaMessage), hasMore: page.hasMore };
  }

  @Post()
  @HttpCode(200)
  async post(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Body() body: PostMessageDto,
  ): Promise<CortezaMessage> {
    return toCortezaMessage(
      await this.messaging.forwardForViewer<MessageView>(
        principal,
        requestId,
        'POST',
        `/channels/${channelId}/messages`,
        { body },
      ),
    );
  }

  @Put(':messageID')
  async edit(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('messageID', IdParamPipe) messageId: string,
    @Body() body: EditMessageDto,
  ): Promise<CortezaMessage> {
    return toCortezaMessage(
      await this.messaging.forwardForViewer<MessageView>(
        principal,
        requestId,
        'PUT',
        `/channels/${channelId}/messages/${messageId}`,
        { body },
      ),
    );
  }

  @Delete(':messageID')
  delete(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('messageID', IdParamPipe) messageId: string,
  ): Promise<unknown> {
    return this.messaging.forward(principal, requestId, 'DELETE', `/channels/${channelId}/messages/${messageId}`);
  }

  @Get(':messageID/replies')
  async thread(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('messageID', IdParamPipe) messageId: string,
  ): Promise<CortezaMessage[]> {
    return (
      await this.messaging.forwardForViewer<MessageView[]>(
        principal,
        requestId,
        'GET',
        `/channels/${channelId}/messages/${messageId}/replies`,
      )
    ).map(toCortezaMessage);
  }

  @Post(':messageID/replies')
  @HttpCode(200)
  async reply(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('messageID', IdParamPipe) messageId: string,
    @Body() body: PostMessageDto,
  ): Promise<CortezaMessage> {
    return toCortezaMessage(
      await this.messaging.forwardForViewer<MessageView>(
        principal,
        requestId,
        'POST',
        `/channels/${channelId}/messages/${messageId}/replies`,
        { body },
      ),
    );
  }
}
