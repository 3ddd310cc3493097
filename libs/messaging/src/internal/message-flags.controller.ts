import { Body, HttpCode, Param, Query } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import {
  MarkAllAsReadDto,
  MessageFlagsDto,
  type MessageFlagsResult,
  type MessageView,
  StrictReactionQuery,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { AnnotationService } from '../annotations/annotation.service';
import { MessageFlagsService } from '../message-flags/message-flags.service';
import { ReadMarkersService } from '../read-state/read-markers.service';
import { Actor } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

const zulipIdOrNone = (value: string): string => (/^[0-9]{1,15}$/.test(value) ? value : '0');

/** Per-message flags and reactions of messages named by compact (Zulip) id, and marking everything read. */
@InternalController()
export class InternalMessageFlagsController {
  constructor(
    private readonly flags: MessageFlagsService,
    private readonly readMarkers: ReadMarkersService,
    private readonly annotations: AnnotationService,
  ) {}

  @InternalRoute(InternalRoutes.updateMessageFlags)
  @HttpCode(200)
  update(@Actor() actor: UserEntity, @Body() body: MessageFlagsDto): Promise<MessageFlagsResult> {
    return this.flags.update(actor, body);
  }

  /** Every conversation of the actor, or only `channelId`, read up to its newest message (threads included). */
  @InternalRoute(InternalRoutes.markAllAsRead)
  @HttpCode(200)
  async markAllAsRead(@Actor() actor: UserEntity, @Body() body: MarkAllAsReadDto): Promise<{ moved: number }> {
    return { moved: await this.readMarkers.markAllAsRead(actor, body.channelId ?? null) };
  }

  @InternalRoute(InternalRoutes.addReactionByZulipId)
  @HttpCode(200)
  react(
    @Actor() actor: UserEntity,
    @Param('zulipId') zulipId: string,
    @Param('reaction') reaction: string,
    @Query() query: StrictReactionQuery,
  ): Promise<MessageView> {
    return this.annotations.reactByZulipId(actor, zulipIdOrNone(zulipId), reaction, true, {
      strict: true,
      existingOnly: query.existingOnly,
    });
  }

  @InternalRoute(InternalRoutes.removeReactionByZulipId)
  @HttpCode(200)
  unreact(
    @Actor() actor: UserEntity,
    @Param('zulipId') zulipId: string,
    @Param('reaction') reaction: string,
  ): Promise<MessageView> {
    return this.annotations.reactByZulipId(actor, zulipIdOrNone(zulipId), reaction, false, { strict: true });
  }
}
