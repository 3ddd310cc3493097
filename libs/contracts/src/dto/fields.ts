import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsIdString, MAX_PAGE_SIZE, ToBool, ToIdString, ToInt, ToStringArray } from './validators';

/**
 * The kinds of fields the request DTOs repeat, each a validator stack under one name. The stacks
 * are applied as if written one decorator a line, top to bottom, so validation messages keep their order.
 */
function field(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorator of [...decorators].reverse()) decorator(target, property);
  };
}

/** A 64-bit id as a decimal string (a safe JSON number is accepted and turned into one). */
export const IdField = (): PropertyDecorator => field(ToIdString(), IsIdString());

export const OptionalIdField = (): PropertyDecorator => field(IsOptional(), IdField());

/** Ids as a list: a JSON array, repeated keys, `key[]=` or a single value. */
export const IdListField = (maxSize: number): PropertyDecorator =>
  field(ToStringArray(), IsArray(), ArrayMaxSize(maxSize), IsIdString({ each: true }));

export const OptionalIdListField = (maxSize: number): PropertyDecorator => field(IsOptional(), IdListField(maxSize));

/** An optional whole number from `min` to `max`. */
export const OptionalIntegerField = (min: number, max: number): PropertyDecorator =>
  field(IsOptional(), ToInt(), IsInt(), Min(min), Max(max));

/** Page size of a listing: 1 to `max`. */
export const PageLimitField = (max: number = MAX_PAGE_SIZE): PropertyDecorator => OptionalIntegerField(1, max);

/** true/false, also as the strings forms and query strings send. */
export const OptionalFlagField = (): PropertyDecorator => field(IsOptional(), ToBool(), IsBoolean());

/** Optional text of at most `maxLength` characters; `minLength` when an empty one means nothing. */
export const OptionalTextField = (maxLength: number, minLength?: number): PropertyDecorator =>
  field(IsOptional(), IsString(), ...(minLength === undefined ? [] : [MinLength(minLength)]), MaxLength(maxLength));
