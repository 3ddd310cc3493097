import { Controller, Delete, Get, HttpCode, Param, Post, Query, Body, UseGuards } from '@nestjs/common';
import {
  INTERNAL_PREFIX,
  MarkAsReadDto,
  type MessageView,
  type ThreadUnreadView,
  type UnreadView,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { IdParamPipe } from '@switchboard/platform';
import { AnnotationService } from '../annotations/annotation.service';
import { ReadStateService } from '../read-state/read-state.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

/** Reactions, pins, bookmarks and read markers of a channel's messages. */
@Controller(`${INTERNAL_PREFIX}/channels/:channelId/messages`)
@UseGuards(InternalAuthGuard)
export class InternalAnnotationsController {
  constructor(
    private readonly annotations: AnnotationService,
    private readonly reads: ReadStateService,
  ) {}

  // The seed makes mark-as-read a GET with its parameters in the query; POST with a body works too.
  @Get('mark-as-read')
  markAsReadGet(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Query() query: MarkAsReadDto,
  ): Promise<UnreadView | ThreadUnreadView> {
    return this.reads.markAsRead(actor, channelId, query);
  }

  @Post('mark-as-read')
  @HttpCode(200)
  markAsReadPost(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Body() body: MarkAsReadDto,
  ): Promise<UnreadView | ThreadUnreadView> {
    return this.reads.markAsRead(actor, channelId, body);
  }

  @Post(':messageId/reaction/:reaction')
  @HttpCode(200)
  react(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
    @Param('reaction') reaction: string,
  ): Promise<MessageView> {
    return this.annotations.react(actor, channelId, messageId, reaction, true);
  }

  @Delete(':messageId/reaction/:reaction')
  @HttpCode(200)
  unreact(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
    @Param('reaction') reaction: string,
  ): Promise<MessageView> {
    return this.annotations.react(actor, channelId, messageId, reaction, false);
  }

  @Post(':messageId/pin')
  @HttpCode(200)
  pin(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<MessageView> {
    return this.annotations.pin(actor, channelId, messageId, true);
  }

  @Delete(':messageId/pin')
  @HttpCode(200)
  unpin(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<MessageView> {
    return this.annotations.pin(actor, channelId, messageId, false);
  }

  @Post(':messageId/bookmark')
  @HttpCode(200)
  bookmark(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<MessageView> {
    return this.annotations.bookmark(actor, channelId, messageId, true);
  }

  @Delete(':messageId/bookmark')
  @HttpCode(200)
  unbookmark(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ): Promise<MessageView> {
    return this.annotations.bookmark(actor, channelId, messageId, false);
  }
}
