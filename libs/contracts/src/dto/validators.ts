import { Transform } from 'class-transformer';
import { type ValidationOptions, ValidateBy, buildMessage } from 'class-validator';
import { isId } from '../ids/snowflake';

export const MAX_MESSAGE_LENGTH = 10000;
export const MAX_CHANNEL_NAME_LENGTH = 80;
export const MAX_TOPIC_LENGTH = 250;
export const MAX_PAGE_SIZE = 200;
/** Zulip's limit for topics (subjects) of messages. */
export const MAX_MESSAGE_TOPIC_LENGTH = 60;

/** A 64-bit id as a decimal string. */
export function IsIdString(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIdString',
      validator: {
        validate: (value) => isId(value),
        defaultMessage: buildMessage((each) => `${each}$property must be an id (a decimal string)`, options),
      },
    },
    options,
  );
}

/** `[]string` parameters arrive as a JSON array (also inside one string), repeated keys, `key[]=` or a single value. */
export const ToStringArray = (): PropertyDecorator =>
  Transform(({ value }) => {
    if (value === undefined || value === null || value === '') return undefined;
    const list = Array.isArray(value) ? value : [parseJsonArray(value) ?? value].flat();
    return list.map((item) => (typeof item === 'number' ? String(item) : item));
  });

function parseJsonArray(value: unknown): unknown[] | undefined {
  if (typeof value !== 'string' || !value.trimStart().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Numbers in query strings and forms arrive as strings. */
export const ToInt = (): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'string' && /^-?[0-9]+$/.test(value) ? Number(value) : value));

/** Ids may be sent as JSON numbers by careless clients; keep them exact only when safe. */
export const ToIdString = (): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value));

/** Booleans arrive as true/false/1/0 strings from forms and query strings. */
export const ToBool = (): PropertyDecorator =>
  Transform(({ value }) => {
    if (value === 'true' || value === '1' || value === 1) return true;
    if (value === 'false' || value === '0' || value === 0 || value === '') return false;
    return value;
  });
