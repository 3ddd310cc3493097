import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import type { MessageFlagsDto, MessageFlagsResult } from '@switchboard/contracts';
import { type ChannelEntity, MessageEntity, type UserEntity } from '@switchboard/db';
import { AnnotationRepository } from '../annotations/annotation.repository';
import { MessageAnnotator } from '../annotations/message-annotator';
import { ChannelAccess } from '../channels/channel-access';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { type ListedMessage, flippedListed, markerTargets, scopeKey } from '../read-state/marker-moves';
import { ReadMarkerRepository } from '../read-state/read-marker.repository';
import { type MarkerMove, ReadMarkersService } from '../read-state/read-markers.service';
import { toChannelView } from '../views/view-mappers';

interface Flaggable {
  message: MessageEntity;
  channel: ChannelEntity;
  member: boolean;
}

/**
 * Per-message flags named by compact id, in one transaction for the whole request: `starred` is
 * the user's bookmark; `read` moves read markers (see read-state/marker-moves.ts for how that is
 * coarser than per-message flags). Messages the user cannot read are skipped, as Zulip does.
 */
@Injectable()
export class MessageFlagsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ChannelAccess,
    private readonly annotations: AnnotationRepository,
    private readonly annotator: MessageAnnotator,
    private readonly markers: ReadMarkerRepository,
    private readonly readMarkers: ReadMarkersService,
    private readonly outbox: OutboxWriter,
  ) {}

  update(actor: UserEntity, input: MessageFlagsDto): Promise<MessageFlagsResult> {
    return this.db.transaction(async (em) => {
      const targets = await this.flaggable(em, actor, input.messages);
      const changed =
        input.flag === 'starred'
          ? await this.star(em, actor, targets, input.op === 'add')
          : await this.read(em, actor, targets, input.op === 'add');
      const changedIds = new Set(changed);
      return {
        messages: targets
          .filter(({ message }) => changedIds.has(message.id))
          .map(({ message }) => Number(message.zulipId))
          .sort((a, b) => a - b),
      };
    });
  }

  /** The listed live messages in channels the actor may read, in one query per table. */
  private async flaggable(em: EntityManager, actor: UserEntity, zulipIds: number[]): Promise<Flaggable[]> {
    if (zulipIds.length === 0) return [];
    const messages = await em.findBy(MessageEntity, {
      zulipId: In([...new Set(zulipIds)].map(String)),
      deletedAt: IsNull(),
    });
    const readable = await this.access.readableMany(
      actor,
      messages.map((message) => message.channelId),
      em,
    );
    return messages.flatMap((message) => {
      const context = readable.get(message.channelId);
      return context ? [{ message, channel: context.channel, member: context.membership !== null }] : [];
    });
  }

  private async star(em: EntityManager, actor: UserEntity, targets: Flaggable[], add: boolean): Promise<string[]> {
    const changed = add
      ? await this.annotations.bookmarkMany(
          em,
          actor.id,
          targets.map(({ message }) => ({ id: message.id, channelId: message.channelId })),
        )
      : await this.annotations.unbookmarkMany(
          em,
          actor.id,
          targets.map(({ message }) => message.id),
        );
    const changedIds = new Set(changed);
    const changedTargets = targets.filter(({ message }) => changedIds.has(message.id));
    const views = await this.annotator.views(
      changedTargets.map(({ message }) => message),
      null,
      em,
    );
    await this.outbox.append(
      em,
      actor.organisationId,
      changedTargets.map(({ channel }, index) =>
        pendingEvent(
          add ? 'message.bookmarked' : 'message.unbookmarked',
          actor.id,
          { userIds: [actor.id] },
          { message: views[index], channel: toChannelView(channel), userId: actor.id },
        ),
      ),
    );
    return changed;
  }

  /** Own messages are always read, and only members have markers: both are left alone. */
  private async read(em: EntityManager, actor: UserEntity, targets: Flaggable[], add: boolean): Promise<string[]> {
    const eligible = targets.filter(({ message, member }) => member && message.userId !== actor.id);
    const channels = new Map(eligible.map(({ channel }) => [channel.id, channel]));
    const listed: ListedMessage[] = eligible.map(({ message }) => ({
      id: message.id,
      channelId: message.channelId,
      threadId: message.replyTo,
    }));
    const wanted = markerTargets(listed, add);
    const before = add ? null : await this.markers.before(em, wanted);
    const moves = wanted.map((target): MarkerMove => ({
      channel: channels.get(target.channelId)!,
      threadId: target.threadId,
      to: before ? (before.get(scopeKey(target)) ?? null) : target.messageId,
      direction: add ? 'forward' : 'backward',
    }));
    return flippedListed(listed, await this.readMarkers.move(em, actor, moves));
  }
}
