import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { ToStringArray } from './validators';
import { OptionalFlagField, OptionalIdField, OptionalIdListField, OptionalTextField, PageLimitField } from './fields';

export const MESSAGE_TYPES = ['text', 'attachment'] as const;
const MAX_FILTER_IDS = 100;

export class SearchMessagesQuery {
  @OptionalIdListField(MAX_FILTER_IDS)
  channelID?: string[];

  @OptionalIdField()
  afterMessageID?: string;

  @OptionalIdField()
  beforeMessageID?: string;

  @OptionalIdField()
  fromMessageID?: string;

  @OptionalIdField()
  toMessageID?: string;

  @OptionalIdListField(MAX_FILTER_IDS)
  threadID?: string[];

  @OptionalIdListField(MAX_FILTER_IDS)
  userID?: string[];

  @IsOptional()
  @ToStringArray()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(MESSAGE_TYPES, { each: true })
  type?: string[];

  @OptionalFlagField()
  pinnedOnly?: boolean;

  @OptionalFlagField()
  bookmarkedOnly?: boolean;

  @PageLimitField()
  limit?: number;

  @OptionalTextField(500)
  query?: string;
}

export class SearchThreadsQuery {
  @OptionalIdListField(MAX_FILTER_IDS)
  channelID?: string[];

  @PageLimitField()
  limit?: number;

  @OptionalTextField(500)
  query?: string;
}
