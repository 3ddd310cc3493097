import { IsIn, IsOptional } from 'class-validator';
import { CHANNEL_STATES, type ChannelState, MEMBERSHIP_FLAGS, type MembershipFlag } from '../views';
import { IsIdString, ToIdString } from './validators';

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
  @IsOptional()
  @ToIdString()
  @IsIdString()
  threadID?: string;

  @IsOptional()
  @ToIdString()
  @IsIdString()
  lastReadMessageID?: string;
}
