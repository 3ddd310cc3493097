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
} from 'class-validator';
import { IsIdString, MAX_PAGE_SIZE, ToBool, ToIdString, ToInt, ToStringArray } from './validators';

export const MESSAGE_TYPES = ['text', 'attachment'] as const;
const MAX_FILTER_IDS = 100;

export class SearchMessagesQuery {
  @IsOptional()
  @ToStringArray()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_IDS)
  @IsIdString({ each: true })
  channelID?: string[];

  @IsOptional()
  @ToIdString()
  @IsIdString()
  afterMessageID?: string;

  @IsOptional()
  @ToIdString()
  @IsIdString()
  beforeMessageID?: string;

  @IsOptional()
  @ToIdString()
  @IsIdString()
  fromMessageID?: string;

  @IsOptional()
  @ToIdString()
  @IsIdString()
  toMessageID?: string;

  @IsOptional()
  @ToStringArray()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_IDS)
  @IsIdString({ each: true })
  threadID?: string[];

  @IsOptional()
  @ToStringArray()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_IDS)
  @IsIdString({ each: true })
  userID?: string[];

  @IsOptional()
  @ToStringArray()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(MESSAGE_TYPES, { each: true })
  type?: string[];

  @IsOptional()
  @ToBool()
  @IsBoolean()
  pinnedOnly?: boolean;

  @IsOptional()
  @ToBool()
  @IsBoolean()
  bookmarkedOnly?: boolean;

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  query?: string;
}

export class SearchThreadsQuery {
  @IsOptional()
  @ToStringArray()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_IDS)
  @IsIdString({ each: true })
  channelID?: string[];

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  query?: string;
}
