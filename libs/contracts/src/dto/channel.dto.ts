import { IsArray, IsIn, IsOptional } from 'class-validator';
import { CHANNEL_TYPES, type ChannelType } from '../views';
import { MAX_CHANNEL_NAME_LENGTH, MAX_TOPIC_LENGTH, ToStringArray } from './validators';
import {
  IdListField,
  OptionalFlagField,
  OptionalIdField,
  OptionalIdListField,
  OptionalTextField,
  PageLimitField,
} from './fields';

/** What creating and updating a channel both set. */
abstract class ChannelSettingsDto {
  @OptionalTextField(MAX_CHANNEL_NAME_LENGTH, 1)
  name?: string;

  @OptionalTextField(MAX_TOPIC_LENGTH)
  topic?: string;

  @IsOptional()
  @IsIn(CHANNEL_TYPES)
  type?: ChannelType;
}

export class CreateChannelDto extends ChannelSettingsDto {
  @OptionalIdListField(500)
  members?: string[];
}

export class UpdateChannelDto extends ChannelSettingsDto {
  @OptionalIdField()
  organisationID?: string;
}

export class ListChannelsQuery {
  @OptionalTextField(200)
  query?: string;
}

export class InviteDto {
  @IdListField(500)
  userID!: string[];
}

/** Paged channel listing for API clients that page (Slack conversations.list). */
export class PageChannelsQuery {
  @PageLimitField(1000)
  limit?: number;

  @OptionalIdField()
  afterChannelId?: string;

  @IsOptional()
  @ToStringArray()
  @IsArray()
  @IsIn(CHANNEL_TYPES, { each: true })
  types?: ChannelType[];

  @OptionalFlagField()
  excludeArchived?: boolean;

  /** Only channels the caller is a member of. */
  @OptionalFlagField()
  memberOnly?: boolean;
}

export class PageUsersQuery {
  @PageLimitField(1000)
  limit?: number;

  @OptionalIdField()
  afterUserId?: string;
}
