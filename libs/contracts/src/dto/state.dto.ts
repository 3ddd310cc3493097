import { IsIn } from 'class-validator';
import { CHANNEL_STATES, type ChannelState, MEMBERSHIP_FLAGS, type MembershipFlag } from '../views';
import { OptionalIdField } from './fields';

export class ChannelStateDto {
  @IsIn(CHANNEL_STATES)
  state!: ChannelState;
}

export class ChannelFlagDto {
  @IsIn(MEMBERSHIP_FLAGS)
  flag!: MembershipFlag;
}

/** mark-as-read: without `lastReadMessageID` everything up to the newest message is read. */
export class MarkAsReadDto {
  @OptionalIdField()
  threadID?: string;

  @OptionalIdField()
  lastReadMessageID?: string;
}
