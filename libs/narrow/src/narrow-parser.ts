import { NarrowError } from './narrow-error';
import { parseOperand } from './narrow-operand-parser';
import type { NarrowOperator, NarrowTerm } from './narrow-term';
import {
  MAX_NARROW_TERMS,
  NARROW_OPERATORS,
  OPERATOR_ALIASES,
  UNSUPPORTED_OPERATORS,
  lookup,
  quote,
} from './narrow-vocabulary';

/** A term after its shape has been checked but before operator and operand are validated. */
interface RawTerm {
  operator: string;
  operand: unknown;
  negated: boolean;
}

const OBJECT_TERM_KEYS: ReadonlySet<string> = new Set(['operator', 'operand', 'negated']);

/**
 * Parses a Zulip-style narrow (already JSON-decoded, or a JSON string) into normalised terms.
 * Accepts `[operator, operand]` pairs and `{operator, operand, negated}` objects.
 * @throws NarrowError for anything malformed or unsupported.
 */
export function parseNarrow(input: unknown): NarrowTerm[] {
  const decoded = typeof input === 'string' ? decodeJson(input) : input;
  if (decoded === null || decoded === undefined) {
    return [];
  }
  if (!Array.isArray(decoded)) {
    throw new NarrowError('narrow must be an array of terms');
  }
  const elements: readonly unknown[] = decoded;
  if (elements.length > MAX_NARROW_TERMS) {
    throw new NarrowError(`narrow has too many terms (${elements.length}, max ${MAX_NARROW_TERMS})`);
  }
  return elements.map((element, index) => parseTerm(element, index));
}

function decodeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new NarrowError('narrow is not valid JSON');
  }
}

function parseTerm(element: unknown, index: number): NarrowTerm {
  const raw = readRawTerm(element, index);
  const operator = normaliseOperator(raw.operator);
  return { operator, operand: parseOperand(operator, raw.operand), negated: raw.negated };
}

function readRawTerm(element: unknown, index: number): RawTerm {
  if (Array.isArray(element)) {
    return readPairTerm(element, index);
  }
  if (isRecord(element)) {
    return readObjectTerm(element, index);
  }
  throw invalidTerm(index, 'expected [operator, operand] or {operator, operand, negated}');
}

function readPairTerm(pair: readonly unknown[], index: number): RawTerm {
  if (pair.length !== 2) {
    throw invalidTerm(
      index,
      `expected [operator, operand] or {operator, operand, negated}, got an array of ${pair.length} elements`,
    );
  }
  const [operator, operand] = pair;
  if (typeof operator !== 'string') {
    throw invalidTerm(index, 'operator must be a string');
  }
  // Zulip's search-string syntax negates with a leading "-"; the pair form inherits it.
  const negated = operator.startsWith('-');
  return { operator: negated ? operator.slice(1) : operator, operand, negated };
}

function readObjectTerm(term: Readonly<Record<string, unknown>>, index: number): RawTerm {
  const unexpected = Object.keys(term).find((key) => !OBJECT_TERM_KEYS.has(key));
  if (unexpected !== undefined) {
    throw invalidTerm(index, `unexpected key ${quote(unexpected)}`);
  }
  const { operator, operand, negated } = term;
  if (typeof operator !== 'string') {
    throw invalidTerm(index, 'operator must be a string');
  }
  if (negated !== undefined && typeof negated !== 'boolean') {
    throw new NarrowError(`Invalid narrow term at index ${index}: "negated" must be a boolean`, operator, operand);
  }
  return { operator, operand, negated: negated ?? false };
}

function normaliseOperator(operator: string): NarrowOperator {
  const name = operator.toLowerCase();
  const reason = lookup(UNSUPPORTED_OPERATORS, name);
  if (reason !== undefined) {
    throw new NarrowError(`Operator ${quote(operator)} not supported: ${reason}`, operator);
  }
  const resolved = lookup(OPERATOR_ALIASES, name) ?? NARROW_OPERATORS.find((known) => known === name);
  if (resolved === undefined) {
    throw new NarrowError(`Operator ${quote(operator)} not supported`, operator);
  }
  return resolved;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalidTerm(index: number, problem: string): NarrowError {
  return new NarrowError(`Invalid narrow term at index ${index}: ${problem}`);
}
