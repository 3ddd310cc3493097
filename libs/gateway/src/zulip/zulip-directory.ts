import { Injectable } from '@nestjs/common';
import {
  type ChannelView,
  DomainError,
  ErrorCode,
  type Principal,
  type UserView,
  InternalRoutes,
} from '@switchboard/contracts';
import { ForwardsToMessaging } from '../corteza/messaging-forwarder';
import { recipientReferences } from './zulip-recipients';

/**
 * Resolves Zulip references (compact ids, emails, channel names) to our entities through the
 * messaging service, which decides what the caller may see.
 */
@Injectable()
export class ZulipDirectory extends ForwardsToMessaging {
  users(principal: Principal, requestId: string): Promise<UserView[]> {
    return this.messaging.forward(principal, requestId, InternalRoutes.directoryUsers);
  }

  visibleChannels(principal: Principal, requestId: string): Promise<ChannelView[]> {
    return this.messaging.forward(principal, requestId, InternalRoutes.listChannels);
  }

  /** A channel by compact id or name (any case); groups are not Zulip streams. */
  async channel(principal: Principal, requestId: string, reference: string): Promise<ChannelView> {
    const wanted = reference.trim();
    const channels = (await this.visibleChannels(principal, requestId)).filter((channel) => channel.type !== 'group');
    const found =
      channels.find((channel) => String(channel.zulipId) === wanted) ??
      channels.find((channel) => channel.name.toLowerCase() === wanted.toLowerCase());
    if (!found) throw new DomainError(ErrorCode.ChannelNotFound, `Invalid channel name '${wanted.slice(0, 80)}'`);
    return found;
  }

  /** The users a direct message names in `to` (ids or emails), each once, without the caller. */
  async otherRecipients(principal: Principal, requestId: string, to: unknown): Promise<string[]> {
    const recipients = await this.usersByReference(principal, requestId, recipientReferences(to));
    return [...new Set(recipients.map((user) => user.userId))].filter((id) => id !== principal.user.userId);
  }

  /** Users named by compact id or email, all of them active members of the caller's organisation. */
  async usersByReference(principal: Principal, requestId: string, references: string[]): Promise<UserView[]> {
    const users = (await this.users(principal, requestId)).filter((user) => user.deactivatedAt === null);
    return references.map((reference) => {
      const wanted = reference.trim().toLowerCase();
      const user = users.find(
        (candidate) => String(candidate.zulipId) === wanted || candidate.email.toLowerCase() === wanted,
      );
      if (!user) throw new DomainError(ErrorCode.UserNotFound, `Invalid user ID or email: ${reference.slice(0, 80)}`);
      return user;
    });
  }
}
