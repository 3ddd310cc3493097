import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, type MemberView, type MembershipFlag } from '@switchboard/contracts';
import { ChannelMemberEntity, type UserEntity } from '@switchboard/db';
import { ChannelAccess } from '../channels/channel-access';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { toChannelView, toMemberView } from '../views/view-mappers';

/** PUT/DELETE /channels/{id}/flag: a member's own `pinned | hidden | ignored` mark, seen only by them. */
@Injectable()
export class MembershipFlagService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ChannelAccess,
    private readonly outbox: OutboxWriter,
  ) {}

  async setFlag(actor: UserEntity, channelId: string, flag: MembershipFlag | null): Promise<MemberView> {
    return this.db.transaction(async (em) => {
      const { channel, membership } = await this.access.readable(actor, channelId, em);
      if (!membership) throw new DomainError(ErrorCode.NotAMember, 'Only members can flag a channel');
      if (membership.flag === flag) return toMemberView(membership);
      membership.flag = flag;
      await em.update(ChannelMemberEntity, { channelId: channel.id, userId: actor.id }, { flag });
      await this.outbox.append(em, channel.organisationId, [
        pendingEvent(
          'channel.flag_set',
          actor.id,
          { userIds: [actor.id] },
          { channel: toChannelView(channel), userId: actor.id, flag },
        ),
      ]);
      return toMemberView(membership);
    });
  }
}
