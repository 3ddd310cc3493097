import { NarrowError } from './narrow-error';
import type { HasOperand, IsOperand, NarrowOperator } from './narrow-term';
import {
  HAS_OPERANDS,
  IS_OPERAND_ALIASES,
  IS_OPERANDS,
  MAX_OPERAND_LENGTH,
  lookup,
  quote,
  tokenizeWords,
} from './narrow-vocabulary';

/** Validates and normalises the operand of an already-normalised operator. */
export function parseOperand(operator: NarrowOperator, operand: unknown): string | string[] {
  switch (operator) {
    case 'channel':
    case 'sender':
      return readTextOrId(operator, operand);
    case 'topic':
      return readText(operator, operand);
    case 'id':
      return parseMessageId(operand);
    case 'dm':
      return parseParticipants(operand);
    case 'is':
      return parseIsOperand(operand);
    case 'has':
      return parseHasOperand(operand);
    case 'search':
      return parseSearchWords(operand);
  }
}

/**
 * A trimmed, non-empty string of bounded length, or a NarrowError naming the operator.
 * `label` lets list operands name the offending element rather than the whole operand.
 */
function readText(operator: NarrowOperator, value: unknown, label = operandLabel(operator)): string {
  if (typeof value !== 'string') {
    throw new NarrowError(`${label} must be a non-empty string`, operator, value);
  }
  if (value.length > MAX_OPERAND_LENGTH) {
    throw new NarrowError(
      `${label} is too long (${value.length} characters, max ${MAX_OPERAND_LENGTH})`,
      operator,
      value,
    );
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new NarrowError(`${label} must be a non-empty string`, operator, value);
  }
  return trimmed;
}

/** Clients often send numeric ids as JSON numbers; ids are decimal strings everywhere else. */
function readTextOrId(operator: NarrowOperator, value: unknown, label = operandLabel(operator)): string {
  if (typeof value !== 'number') {
    return readText(operator, value, label);
  }
  // Unsafe integers have already lost precision in JSON.parse, so they cannot name an id.
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new NarrowError(
      `${label} must be a non-negative integer when given as a number, got ${value}`,
      operator,
      value,
    );
  }
  return String(value);
}

function operandLabel(operator: NarrowOperator): string {
  return `Operand for "${operator}"`;
}

function parseMessageId(operand: unknown): string {
  const text = readTextOrId('id', operand);
  if (!/^\d+$/.test(text)) {
    throw new NarrowError(`Operand for "id" must be a decimal string of digits, got ${quote(text)}`, 'id', operand);
  }
  // "007" and "7" name the same message; the matcher compares strings.
  return text.replace(/^0+(?=\d)/, '');
}

function parseParticipants(operand: unknown): string[] {
  const elements: readonly unknown[] = Array.isArray(operand) ? operand : splitParticipantList(operand);
  if (elements.length === 0) {
    throw new NarrowError(`Operand for "dm" must name at least one participant`, 'dm', operand);
  }
  const participants = elements.map((element, position) =>
    readTextOrId('dm', element, `Participant ${position} in operand for "dm"`).toLowerCase(),
  );
  return [...new Set(participants)].sort();
}

/** Zulip's `pm-with` takes "a@x.io,b@x.io"; a lone number is a single participant id. */
function splitParticipantList(operand: unknown): unknown[] {
  return typeof operand === 'number' ? [operand] : readText('dm', operand).split(',');
}

function parseIsOperand(operand: unknown): IsOperand {
  const value = readText('is', operand).toLowerCase();
  const resolved = lookup(IS_OPERAND_ALIASES, value) ?? value;
  const known = IS_OPERANDS.find((candidate) => candidate === resolved);
  if (known === undefined) {
    throw unsupportedOperand('is', operand, value);
  }
  return known;
}

function parseHasOperand(operand: unknown): HasOperand {
  const value = readText('has', operand).toLowerCase();
  const known = HAS_OPERANDS.find((candidate) => candidate === value);
  if (known === undefined) {
    throw unsupportedOperand('has', operand, value);
  }
  return known;
}

function unsupportedOperand(operator: NarrowOperator, operand: unknown, value: string): NarrowError {
  return new NarrowError(`Operand ${quote(value)} not supported for operator "${operator}"`, operator, operand);
}

function parseSearchWords(operand: unknown): string[] {
  const words = tokenizeWords(readText('search', operand));
  if (words.length === 0) {
    throw new NarrowError(`Operand for "search" must contain at least one word`, 'search', operand);
  }
  return [...new Set(words)];
}
