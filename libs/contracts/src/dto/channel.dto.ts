import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CHANNEL_TYPES, type ChannelType } from '../views';
import {
  IsIdString,
  MAX_CHANNEL_NAME_LENGTH,
  MAX_TOPIC_LENGTH,
  ToBool,
  ToIdString,
  ToInt,
  ToStringArray,
} from './validators';

export class CreateChannelDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_CHANNEL_NAME_LENGTH)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_TOPIC_LENGTH)
  topic?: string;

  @IsOptional()
  @IsIn(CHANNEL_TYPES)
  type?: ChannelType;

  @IsOptional()
  @ToStringArray()
  @IsArray()
  @ArrayMaxSize(500)
  @IsIdString({ each: true })
  members?: string[];
}

export class UpdateChannelDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_CHANNEL_NAME_LENGTH)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_TOPIC_LENGTH)
  topic?: string;

  @IsOptional()
  @IsIn(CHANNEL_TYPES)
  type?: ChannelType;

  @IsOptional()
  @ToIdString()
  @IsIdString()
  organisationID?: string;
}

export class ListChannelsQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  query?: string;
}

export class InviteDto {
  @ToStringArray()
  @IsArray()
  @ArrayMaxSize(500)
  @IsIdString({ each: true })
  userID!: string[];
}

/** Paged channel listing for API clients that page (Slack conversations.list). */
export class PageChannelsQuery {
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @ToIdString()
  @IsIdString()
  afterChannelID?: string;

  @IsOptional()
  @ToStringArray()
  @IsArray()
  @IsIn(CHANNEL_TYPES, { each: true })
  types?: ChannelType[];

  @IsOptional()
  @ToBool()
  @IsBoolean()
  excludeArchived?: boolean;

  /** Only channels the caller is a member of. */
  @IsOptional()
  @ToBool()
  @IsBoolean()
  memberOnly?: boolean;
}

export class PageUsersQuery {
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @ToIdString()
  @IsIdString()
  afterUserID?: string;
}
