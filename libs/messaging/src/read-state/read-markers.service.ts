import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChannelEntity, UserEntity } from '@switchboard/db';
import { ChannelAccess } from '../channels/channel-access';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { toChannelView } from '../views/view-mappers';
import { MAX_FLIPPED, type MoveDirection, type MovedMarker, movesMarker, readFlip, scopeKey } from './marker-moves';
import { ReadMarkerRepository } from './read-marker.repository';
import { ReadStateRepository } from './read-state.repository';

/** Where one of the actor's markers should go; it moves only in `direction`. */
export interface MarkerMove {
  channel: ChannelEntity;
  threadId: string | null;
  to: string | null;
  direction: MoveDirection;
}

/**
 * Moves many read markers of one user inside the caller's transaction: set-based (a few
 * statements whatever the number of markers), and one `channel.read` event per marker that moved.
 */
@Injectable()
export class ReadMarkersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ChannelAccess,
    private readonly reads: ReadStateRepository,
    private readonly markers: ReadMarkerRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Only members have markers: moves in other channels, and moves against `direction`, are dropped. */
  async move(em: EntityManager, actor: UserEntity, moves: MarkerMove[]): Promise<MovedMarker[]> {
    if (moves.length === 0) return [];
    const threadIds = moves.flatMap((move) => (move.threadId === null ? [] : [move.threadId]));
    const { members, markers } = await this.markers.lock(
      em,
      actor.id,
      [...new Set(moves.map((move) => move.channel.id))],
      threadIds,
    );
    const moved: (MovedMarker & { channel: ChannelEntity })[] = [];
    for (const move of moves) {
      const scope = { channelId: move.channel.id, threadId: move.threadId };
      const from = markers.get(scopeKey(scope)) ?? null;
      if (members.has(move.channel.id) && movesMarker(from, move.to, move.direction))
        moved.push({ ...scope, from, to: move.to, channel: move.channel });
    }
    if (moved.length === 0) return [];
    await this.markers.set(em, actor.id, moved);
    const flipped = await this.markers.flipped(em, actor.id, moved, MAX_FLIPPED);
    const channelUnread = await this.reads.channels(
      actor.id,
      [...new Set(moved.filter((move) => move.threadId === null).map((move) => move.channelId))],
      em,
    );
    const threadUnread = await this.reads.threadsById(actor.id, threadIds, em);
    const events = moved.map((move) => {
      const unread = (move.threadId === null ? channelUnread.get(move.channelId) : threadUnread.get(move.threadId)) ?? {
        count: 0,
        mentions: 0,
        lastReadMessageId: move.to,
      };
      const payload = {
        channel: toChannelView(move.channel),
        userId: actor.id,
        threadId: move.threadId,
        unread,
        flipped: readFlip(move.from, move.to, flipped.get(scopeKey(move)) ?? []),
      };
      return pendingEvent('channel.read', actor.id, { userIds: [actor.id] }, payload);
    });
    await this.outbox.append(em, actor.organisationId, events);
    return moved;
  }

  /**
   * Everything read: every channel and thread marker of the actor (or of one channel they may read)
   * moves forward to the newest message it covers. Returns how many markers moved.
   */
  markAllAsRead(actor: UserEntity, channelId: string | null): Promise<number> {
    return this.db.transaction(async (em) => {
      if (channelId !== null && !(await this.access.readable(actor, channelId, em)).membership) return 0;
      const targets = await this.markers.newestTargets(em, actor.id, channelId);
      const readable = await this.access.readableMany(
        actor,
        targets.map((target) => target.channelId),
        em,
      );
      const moves = targets.flatMap((target): MarkerMove[] => {
        const context = readable.get(target.channelId);
        return context
          ? [{ channel: context.channel, threadId: target.threadId, to: target.messageId, direction: 'forward' }]
          : [];
      });
      return (await this.move(em, actor, moves)).length;
    });
  }
}
