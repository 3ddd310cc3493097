import { HttpCode, Query, Body } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import {
  DomainError,
  ErrorCode,
  isSlackTs,
  MarkAsReadDto,
  type MessageView,
  type ThreadUnreadView,
  type UnreadView,
  InternalRoutes,
} from '@switchboard/contracts';
import { AnnotationService } from '../annotations/annotation.service';
import { MessageService } from '../messages/message.service';
import { ReadStateService } from '../read-state/read-state.service';
import { ActorCall, type ActorCallOf } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

/** Reactions, pins, bookmarks and read markers of a channel's messages. */
@InternalController()
export class InternalAnnotationsController {
  constructor(
    private readonly annotations: AnnotationService,
    private readonly reads: ReadStateService,
    private readonly messages: MessageService,
  ) {}

  // The seed makes mark-as-read a GET with its parameters in the query; POST with a body works too.
  @InternalRoute(InternalRoutes.markAsReadGet)
  markAsReadGet(
    @ActorCall() { actor, ids }: ActorCallOf<'markAsReadGet'>,
    @Query() query: MarkAsReadDto,
  ): Promise<UnreadView | ThreadUnreadView> {
    return this.reads.markAsRead(actor, ids.channelId, query);
  }

  @InternalRoute(InternalRoutes.markAsRead)
  @HttpCode(200)
  markAsReadPost(
    @ActorCall() { actor, ids }: ActorCallOf<'markAsRead'>,
    @Body() body: MarkAsReadDto,
  ): Promise<UnreadView | ThreadUnreadView> {
    return this.reads.markAsRead(actor, ids.channelId, body);
  }

  @InternalRoute(InternalRoutes.markAsReadByTs)
  @HttpCode(200)
  async markAsReadByTs(
    @ActorCall() { actor, ids: { channelId, ts } }: ActorCallOf<'markAsReadByTs'>,
  ): Promise<UnreadView | ThreadUnreadView> {
    if (!isSlackTs(ts)) throw new DomainError(ErrorCode.BadRequest, 'Not a valid ts');
    const message = await this.messages.byTs(actor, channelId, ts);
    return this.reads.markAsRead(actor, channelId, {
      lastReadMessageID: message.messageId,
      ...(message.replyTo ? { threadID: message.replyTo } : {}),
    });
  }

  @InternalRoute(InternalRoutes.addReaction)
  @HttpCode(200)
  react(@ActorCall() { actor, ids }: ActorCallOf<'addReaction'>): Promise<MessageView> {
    return this.annotations.react(actor, ids.channelId, ids.messageId, ids.reaction, true);
  }

  @InternalRoute(InternalRoutes.removeReaction)
  @HttpCode(200)
  unreact(@ActorCall() { actor, ids }: ActorCallOf<'removeReaction'>): Promise<MessageView> {
    return this.annotations.react(actor, ids.channelId, ids.messageId, ids.reaction, false);
  }

  @InternalRoute(InternalRoutes.pinMessage)
  @HttpCode(200)
  pin(@ActorCall() { actor, ids }: ActorCallOf<'pinMessage'>): Promise<MessageView> {
    return this.annotations.pin(actor, ids.channelId, ids.messageId, true);
  }

  @InternalRoute(InternalRoutes.unpinMessage)
  @HttpCode(200)
  unpin(@ActorCall() { actor, ids }: ActorCallOf<'unpinMessage'>): Promise<MessageView> {
    return this.annotations.pin(actor, ids.channelId, ids.messageId, false);
  }

  @InternalRoute(InternalRoutes.bookmarkMessage)
  @HttpCode(200)
  bookmark(@ActorCall() { actor, ids }: ActorCallOf<'bookmarkMessage'>): Promise<MessageView> {
    return this.annotations.bookmark(actor, ids.channelId, ids.messageId, true);
  }

  @InternalRoute(InternalRoutes.unbookmarkMessage)
  @HttpCode(200)
  unbookmark(@ActorCall() { actor, ids }: ActorCallOf<'unbookmarkMessage'>): Promise<MessageView> {
    return this.annotations.bookmark(actor, ids.channelId, ids.messageId, false);
  }
}
