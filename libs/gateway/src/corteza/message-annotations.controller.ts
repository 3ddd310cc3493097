import {
  All,
  Body,
  Controller,
  Delete,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { DomainError, ErrorCode, MarkAsReadDto, type Principal, InternalRoutes } from '@switchboard/contracts';
import { Dialect, IdParamPipe } from '@switchboard/platform';
import type { Request } from 'express';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';
import { type CortezaMessage, type CortezaUnread, toCortezaMessage, toCortezaReadState } from './corteza-views';
import { MessagingForwarder } from './messaging-forwarder';

/** Reactions, pins, bookmarks and mark-as-read on a channel's messages. */
@Dialect('corteza')
@Controller('channels/:channelID/messages')
@UseGuards(AuthGuard)
@UseInterceptors(CortezaEnvelopeInterceptor)
export class MessageAnnotationsController {
  constructor(private readonly messaging: MessagingForwarder) {}

  /**
   * The seed declares GET (parameters in the query); POST (and PUT) with a body is accepted too,
   * since marking as read changes state. Query parameters are merged under the body's.
   */
  @All('mark-as-read')
  @HttpCode(200)
  async markAsRead(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
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
    const unread = await this.messaging.forward(principal, requestId, InternalRoutes.markAsRead, {
      params: { channelId },
      body: input,
    });
    if (input.threadID) return toCortezaReadState(unread, 0);
    // Corteza's answer also counts the unread replies of the channel's followed threads.
    const channel = await this.messaging.forward(principal, requestId, InternalRoutes.getChannel, {
      params: { channelId },
    });
    return toCortezaReadState(
      unread,
      (channel.threads ?? []).reduce((sum, thread) => sum + thread.count, 0),
    );
  }

  @Post(':messageID/reaction/:reaction')
  @HttpCode(200)
  async react(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('messageID', IdParamPipe) messageId: string,
    @Param('reaction') reaction: string,
  ): Promise<CortezaMessage> {
    return toCortezaMessage(
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.addReaction, {
        params: { channelId, messageId, reaction },
      }),
    );
  }

  @Delete(':messageID/reaction/:reaction')
  async unreact(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('messageID', IdParamPipe) messageId: string,
    @Param('reaction') reaction: string,
  ): Promise<CortezaMessage> {
    return toCortezaMessage(
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.removeReaction, {
        params: { channelId, messageId, reaction },
      }),
    );
  }

  @Post(':messageID/pin')
  @HttpCode(200)
  async pin(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('messageID', IdParamPipe) messageId: string,
  ): Promise<CortezaMessage> {
    return toCortezaMessage(
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.pinMessage, {
        params: { channelId, messageId },
      }),
    );
  }

  @Delete(':messageID/pin')
  async unpin(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('messageID', IdParamPipe) messageId: string,
  ): Promise<CortezaMessage> {
    return toCortezaMessage(
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.unpinMessage, {
        params: { channelId, messageId },
      }),
    );
  }

  @Post(':messageID/bookmark')
  @HttpCode(200)
  async bookmark(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('messageID', IdParamPipe) messageId: string,
  ): Promise<CortezaMessage> {
    return toCortezaMessage(
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.bookmarkMessage, {
        params: { channelId, messageId },
      }),
    );
  }

  @Delete(':messageID/bookmark')
  async unbookmark(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('messageID', IdParamPipe) messageId: string,
  ): Promise<CortezaMessage> {
    return toCortezaMessage(
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.unbookmarkMessage, {
        params: { channelId, messageId },
      }),
    );
  }
}
