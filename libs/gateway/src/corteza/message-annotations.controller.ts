import { All, Body, Delete, HttpCode, Post, Query, Req } from '@nestjs/common';
import { DomainError, ErrorCode, MarkAsReadDto, InternalRoutes } from '@switchboard/contracts';
import type { Request } from 'express';
import { type Caller, CurrentCaller } from './caller';
import { type CortezaMessage, type CortezaUnread, toCortezaMessage, toCortezaReadState } from './corteza-views';
import { ForwardsToMessaging } from './messaging-forwarder';
import { CortezaController } from './corteza-controller.decorator';

/** Reactions, pins, bookmarks and mark-as-read on a channel's messages. */
@CortezaController('channels/:channelID/messages')
export class MessageAnnotationsController extends ForwardsToMessaging {
  /**
   * The seed declares GET (parameters in the query); POST (and PUT) with a body is accepted too,
   * since marking as read changes state. Query parameters are merged under the body's.
   */
  @All('mark-as-read')
  @HttpCode(200)
  async markAsRead(
    @CurrentCaller() caller: Caller,
    @Query() query: MarkAsReadDto,
    @Body() body: MarkAsReadDto,
    @Req() request: Request,
  ): Promise<CortezaUnread> {
    if (!['GET', 'POST', 'PUT'].includes(request.method))
      throw new DomainError(ErrorCode.NotFound, `Cannot ${request.method} this path`);
    const input: MarkAsReadDto = {
      threadID: body?.threadID ?? query.threadID,
      lastReadMessageID: body?.lastReadMessageID ?? query.lastReadMessageID,
    };
    const unread = await this.messaging.call(caller, InternalRoutes.markAsRead, { body: input });
    if (input.threadID) return toCortezaReadState(unread, 0);
    // Corteza's answer also counts the unread replies of the channel's followed threads.
    const channel = await this.messaging.call(caller, InternalRoutes.getChannel);
    return toCortezaReadState(
      unread,
      (channel.threads ?? []).reduce((sum, thread) => sum + thread.count, 0),
    );
  }

  @Post(':messageID/reaction/:reaction')
  @HttpCode(200)
  async react(@CurrentCaller() caller: Caller): Promise<CortezaMessage> {
    return toCortezaMessage(await this.messaging.callForViewer(caller, InternalRoutes.addReaction));
  }

  @Delete(':messageID/reaction/:reaction')
  async unreact(@CurrentCaller() caller: Caller): Promise<CortezaMessage> {
    return toCortezaMessage(await this.messaging.callForViewer(caller, InternalRoutes.removeReaction));
  }

  @Post(':messageID/pin')
  @HttpCode(200)
  async pin(@CurrentCaller() caller: Caller): Promise<CortezaMessage> {
    return toCortezaMessage(await this.messaging.callForViewer(caller, InternalRoutes.pinMessage));
  }

  @Delete(':messageID/pin')
  async unpin(@CurrentCaller() caller: Caller): Promise<CortezaMessage> {
    return toCortezaMessage(await this.messaging.callForViewer(caller, InternalRoutes.unpinMessage));
  }

  @Post(':messageID/bookmark')
  @HttpCode(200)
  async bookmark(@CurrentCaller() caller: Caller): Promise<CortezaMessage> {
    return toCortezaMessage(await this.messaging.callForViewer(caller, InternalRoutes.bookmarkMessage));
  }

  @Delete(':messageID/bookmark')
  async unbookmark(@CurrentCaller() caller: Caller): Promise<CortezaMessage> {
    return toCortezaMessage(await this.messaging.callForViewer(caller, InternalRoutes.unbookmarkMessage));
  }
}
