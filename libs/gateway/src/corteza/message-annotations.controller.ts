import { All, Body, Controller, Delete, HttpCode, Param, Post, Query, Req, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { DomainError, ErrorCode, MarkAsReadDto, type MessageView, type Principal, type UnreadView } from '@switchboard/contracts';
import { IdParamPipe, JsonErrorFilter } from '@switchboard/platform';
import type { Request } from 'express';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';
import { MessagingForwarder } from './messaging-forwarder';

/** Reactions, pins, bookmarks and mark-as-read on a channel's messages. */
@Controller('channels/:channelID/messages')
@UseGuards(AuthGuard)
@UseFilters(JsonErrorFilter)
@UseInterceptors(CortezaEnvelopeInterceptor)
export class MessageAnnotationsController {
  constructor(private readonly messaging: MessagingForwarder) {}

  /**
   * The seed declares GET (parameters in the query); POST (and PUT) with a body is accepted too,
   * since marking as read changes state. Query parameters are merged under the body's.
   */
  @All('mark-as-read')
  @HttpCode(200)
  markAsRead(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Query() query: MarkAsReadDto,
    @Body() body: MarkAsReadDto,
    @Req() request: Request,
  ): Promise<UnreadView> {
    if (!['GET', 'POST', 'PUT'].includes(request.method)) throw new DomainError(ErrorCode.NotFound, `Cannot ${request.method} this path`);
    const input: MarkAsReadDto = { threadID: body?.threadID ?? query.threadID, lastReadMessageID: body?.lastReadMessageID ?? query.lastReadMessageID };
    return this.messaging.forward(principal, requestId, 'POST', `/channels/${channelId}/messages/mark-as-read`, { body: input });
  }

  @Post(':messageID/reaction/:reaction')
  @HttpCode(200)
  react(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string, @Param('messageID', IdParamPipe) messageId: string, @Param('reaction') reaction: string): Promise<MessageView> {
    return this.messaging.forward(principal, requestId, 'POST', `/channels/${channelId}/messages/${messageId}/reaction/${encodeURIComponent(reaction)}`);
  }

  @Delete(':messageID/reaction/:reaction')
  unreact(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string, @Param('messageID', IdParamPipe) messageId: string, @Param('reaction') reaction: string): Promise<MessageView> {
    return this.messaging.forward(principal, requestId, 'DELETE', `/channels/${channelId}/messages/${messageId}/reaction/${encodeURIComponent(reaction)}`);
  }

  @Post(':messageID/pin')
  @HttpCode(200)
  pin(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string, @Param('messageID', IdParamPipe) messageId: string): Promise<MessageView> {
    return this.messaging.forward(principal, requestId, 'POST', `/channels/${channelId}/messages/${messageId}/pin`);
  }

  @Delete(':messageID/pin')
  unpin(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string, @Param('messageID', IdParamPipe) messageId: string): Promise<MessageView> {
    return this.messaging.forward(principal, requestId, 'DELETE', `/channels/${channelId}/messages/${messageId}/pin`);
  }

  @Post(':messageID/bookmark')
  @HttpCode(200)
  bookmark(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string, @Param('messageID', IdParamPipe) messageId: string): Promise<MessageView> {
    return this.messaging.forward(principal, requestId, 'POST', `/channels/${channelId}/messages/${messageId}/bookmark`);
  }

  @Delete(':messageID/bookmark')
  unbookmark(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string, @Param('messageID', IdParamPipe) messageId: string): Promise<MessageView> {
    return this.messaging.forward(principal, requestId, 'DELETE', `/channels/${channelId}/messages/${messageId}/bookmark`);
  }
}
