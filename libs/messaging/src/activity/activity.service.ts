import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type ActivityBroadcast, type ActivityDto, DomainError, ErrorCode, eventChannel } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ChannelAccess } from '../channels/channel-access';
import { Clock } from '../clock/clock';
import { MessageRepository } from '../messages/message.repository';
import { PermissionService } from '../permissions/permission.service';
import type { RedisClient } from '@switchboard/platform';

/**
 * POST /activity/: authorised here, then published directly to the conversation's (or the
 * organisation's) sharded pub/sub channel — not stored, not in the outbox, not in the event log,
 * so it costs nothing when nobody listens and is never replayed.
 */
@Injectable()
export class ActivityService {
  constructor(
    private readonly redis: RedisClient,
    private readonly access: ChannelAccess,
    private readonly permissions: PermissionService,
    private readonly messages: MessageRepository,
    private readonly clock: Clock,
  ) {}

  async broadcast(actor: UserEntity, input: ActivityDto): Promise<{ delivered: boolean }> {
    if (input.messageID && !input.channelID)
      throw new DomainError(ErrorCode.ValidationFailed, 'messageID needs channelID', [
        { field: 'channelID', message: 'channelID is required with messageID' },
      ]);
    await this.permissions.assert(actor, 'activity.send');
    const activity: ActivityBroadcast = {
      ephemeral: 'activity',
      activityId: randomUUID(),
      organisationId: actor.organisationId,
      userId: actor.id,
      kind: input.kind,
      channel: null,
      messageId: null,
      messageTs: null,
      occurredAt: this.clock.now().toISOString(),
    };
    if (input.channelID) {
      const { channel } = await this.access.readable(actor, input.channelID);
      activity.channel = { channelId: channel.id, type: channel.type };
      if (input.messageID) {
        const message = await this.messages.findById(input.messageID);
        if (!message || message.channelId !== channel.id || message.deletedAt)
          throw new DomainError(ErrorCode.MessageNotFound, `Message ${input.messageID} not found in this channel`);
        activity.messageId = message.id;
        activity.messageTs = message.ts;
      }
    }
    const target = activity.channel
      ? ({ kind: 'conv', id: activity.channel.channelId } as const)
      : ({ kind: 'org', id: actor.organisationId } as const);
    const receivers = (await this.redis.spublish(eventChannel(target), JSON.stringify(activity))) as number;
    return { delivered: receivers > 0 };
  }
}
