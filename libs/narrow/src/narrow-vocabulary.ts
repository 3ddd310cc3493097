import type { HasOperand, IsOperand, NarrowOperator } from './narrow-term';

export const MAX_NARROW_TERMS = 20;
export const MAX_OPERAND_LENGTH = 500;

export const NARROW_OPERATORS: readonly NarrowOperator[] = [
  'channel',
  'topic',
  'sender',
  'dm',
  'is',
  'has',
  'search',
  'id',
];

/** Legacy Zulip operator names that we still accept, mapped to their current name. */
export const OPERATOR_ALIASES: Readonly<Record<string, NarrowOperator>> = {
  stream: 'channel',
  subject: 'topic',
  'pm-with': 'dm',
};

/** Zulip operators we deliberately reject, with the reason given to the client. */
export const UNSUPPORTED_OPERATORS: Readonly<Record<string, string>> = {
  streams: 'narrowing to several channels at once is not supported',
  channels: 'narrowing to several channels at once is not supported',
  'dm-including': 'use "dm" with the full participant list instead',
  'group-pm-with': 'use "dm" with the full participant list instead',
};

export const IS_OPERANDS: readonly IsOperand[] = [
  'dm',
  'mentioned',
  'alerted',
  'starred',
  'unread',
  'read',
  'resolved',
];

export const IS_OPERAND_ALIASES: Readonly<Record<string, IsOperand>> = {
  private: 'dm',
};

export const HAS_OPERANDS: readonly HasOperand[] = ['attachment', 'link', 'image', 'reaction'];

/** Zulip marks a resolved topic by prefixing it with this. */
export const RESOLVED_TOPIC_PREFIX = '✔ ';

/** Word tokens for `search`, shared by parser and matcher so both split text identically. */
export function tokenizeWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** Own-property lookup, so names like "constructor" never resolve through the prototype. */
export function lookup<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Quotes client input for error messages, truncated so huge input cannot bloat them. */
export function quote(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(shown);
}
