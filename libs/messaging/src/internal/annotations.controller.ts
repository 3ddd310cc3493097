import { Controller, HttpCode, Param, Query, Body, UseGuards } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import {
  DomainError,
  ErrorCode,
  isSlackTs,
  INTERNAL_PREFIX,
  MarkAsReadDto,
  type MessageView,
  type ThreadUnreadView,
  type UnreadView,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { IdParamPipe } from '@switchboard/platform';
import { AnnotationService } from '../annotations/annotation.service';
import { MessageService } from '../messages/message.service';
import { ReadStateService } from '../read-state/read-state.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

/** Reactions, pins, bookmarks and read markers of a channel's messages. */
@Controller(INTERNAL_PREFIX)
@UseGuards(InternalAuthGuard)
export class InternalAnnotationsController {
  constructor(
    private readonly annotations: AnnotationService,
    private readonly reads: ReadStateService,
    private readonly messages: MessageService,
  ) {}

  // The seed makes mark-as-read a GET with its parameters in the query; POST with a body works too.
  @InternalRoute(InternalRoutes.markAsReadGet)
  markAsReadGet(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Query() query: MarkAsReadDto,
  ): Promise<UnreadView | ThreadUnreadView> {
    return this.reads.markAsRead(actor, channelId, query);
  }

  @InternalRoute(InternalRoutes.markAsRead)
  @HttpCode(200)
  markAsReadPost(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Body() body: MarkAsReadDto,
  ): Promise<UnreadView | ThreadUnreadView> {
    return this.reads.markAsRead(actor, channelId, body);
  }

  @InternalRoute(InternalRoutes.markAsReadByTs)
  @HttpCode(200)
  async markAsReadByTs(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('ts') ts: string,
  ): Promise<UnreadView | ThreadUnreadView> {
    if (!isSlackTs(ts)) throw new DomainError(ErrorCode.BadRequest, 'Not a valid ts');
    const message = await this.messages.byTs(actor, channelId, ts);
    return this.reads.markAsRead(actor, channelId, {
      lastReadMessageID: message.messageID,
      ...(message.replyTo ? { threadID: message.replyTo } : {}),
    });
  }

  @InternalRoute(InternalRoutes.addReaction)
  @HttpCode(200)
  react(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
    @Param('reaction') reaction: string,
  ): Promise<MessageView> {
    return this.annotations.react(actor, channelId, messageId, reaction, true);
  }

  @InternalRoute(InternalRoutes.removeReaction)
  @HttpCode(200)
  unreact(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
    @Param('reaction') reaction: string,
  ): Promise<MessageView> {
    return this.annotations.react(actor, channelId, messageId, reaction, false);
  }

  @InternalRoute(InternalRoutes.pinMessage)
  @HttpCode(200)
  pin(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<MessageView> {
    return this.annotations.pin(actor, channelId, messageId, true);
  }

  @InternalRoute(InternalRoutes.unpinMessage)
  @HttpCode(200)
  unpin(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<MessageView> {
    return this.annotations.pin(actor, channelId, messageId, false);
  }

  @InternalRoute(InternalRoutes.bookmarkMessage)
  @HttpCode(200)
  bookmark(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<MessageView> {
    return this.annotations.bookmark(actor, channelId, messageId, true);
  }

  @InternalRoute(InternalRoutes.unbookmarkMessage)
  @HttpCode(200)
  unbookmark(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<MessageView> {
    return this.annotations.bookmark(actor, channelId, messageId, false);
  }
}
