import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CHANNEL_TYPES, type ChannelType } from '../views';
import { IsIdString, MAX_CHANNEL_NAME_LENGTH, MAX_TOPIC_LENGTH, ToIdString, ToStringArray } from './validators';

export class CreateChannelDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(MAX_CHANNEL_NAME_LENGTH)
  name?: string;

  @IsOptional() @IsString() @MaxLength(MAX_TOPIC_LENGTH)
  topic?: string;

  @IsOptional() @IsIn(CHANNEL_TYPES)
  type?: ChannelType;

  @IsOptional() @ToStringArray() @IsArray() @ArrayMaxSize(500) @IsIdString({ each: true })
  members?: string[];
}

export class UpdateChannelDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(MAX_CHANNEL_NAME_LENGTH)
  name?: string;

  @IsOptional() @IsString() @MaxLength(MAX_TOPIC_LENGTH)
  topic?: string;

  @IsOptional() @IsIn(CHANNEL_TYPES)
  type?: ChannelType;

  @IsOptional() @ToIdString() @IsIdString()
  organisationID?: string;
}

export class ListChannelsQuery {
  @IsOptional() @IsString() @MaxLength(200)
  query?: string;
}

export class InviteDto {
  @ToStringArray() @IsArray() @ArrayMaxSize(500) @IsIdString({ each: true })
  userID!: string[];
}
