import { Body, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  EditMessageDto,
  ListMessagesQuery,
  PostMessageDto,
  type Principal,
  InternalRoutes,
} from '@switchboard/contracts';
import { IdParamPipe } from '@switchboard/platform';
import { CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { type Caller, CurrentCaller } from './caller';
import { type CortezaMessage, toCortezaMessage } from './corteza-views';
import { ForwardsToMessaging } from './messaging-forwarder';
import { CortezaController } from './corteza-controller.decorator';

@CortezaController('channels/:channelID/messages')
export class MessagesController extends ForwardsToMessaging {
  /** History, newest first; `beforeMessageID`/`afterMessageID` page through it. */
  @Get()
  async history(
    @CurrentCaller() caller: Caller,
    @Query() query: ListMessagesQuery,
  ): Promise<{ messages: CortezaMessage[]; hasMore: boolean }> {
    const page = await this.messaging.callForViewer(caller, InternalRoutes.listMessages, { query: { ...query } });
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
  async edit(@CurrentCaller() caller: Caller, @Body() body: EditMessageDto): Promise<CortezaMessage> {
    return toCortezaMessage(await this.messaging.callForViewer(caller, InternalRoutes.editMessage, { body }));
  }

  @Delete(':messageID')
  delete(@CurrentCaller() caller: Caller): Promise<unknown> {
    return this.messaging.call(caller, InternalRoutes.deleteMessage);
  }

  @Get(':messageID/replies')
  async thread(@CurrentCaller() caller: Caller): Promise<CortezaMessage[]> {
    return (await this.messaging.callForViewer(caller, InternalRoutes.listReplies)).map(toCortezaMessage);
  }

  @Post(':messageID/replies')
  @HttpCode(200)
  async reply(@CurrentCaller() caller: Caller, @Body() body: PostMessageDto): Promise<CortezaMessage> {
    return toCortezaMessage(await this.messaging.callForViewer(caller, InternalRoutes.postReply, { body }));
  }
}
