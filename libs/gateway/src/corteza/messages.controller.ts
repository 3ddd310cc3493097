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
  PostMessageDto,
  type Principal,
  InternalRoutes,
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
    const page = await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.listMessages, {
      params: { channelId },
      query: { ...query },
    });
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
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.postMessage, {
        params: { channelId },
        body,
      }),
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
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.editMessage, {
        params: { channelId, messageId },
        body,
      }),
    );
  }

  @Delete(':messageID')
  delete(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('messageID', IdParamPipe) messageId: string,
  ): Promise<unknown> {
    return this.messaging.forward(principal, requestId, InternalRoutes.deleteMessage, {
      params: { channelId, messageId },
    });
  }

  @Get(':messageID/replies')
  async thread(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('messageID', IdParamPipe) messageId: string,
  ): Promise<CortezaMessage[]> {
    return (
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.listReplies, {
        params: { channelId, messageId },
      })
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
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.postReply, {
        params: { channelId, messageId },
        body,
      }),
    );
  }
}
