import type { Request } from 'express';
import { DomainError, ErrorCode } from '@switchboard/contracts';

/** Zulip parameters: query string for GET/DELETE/PATCH, form or JSON body for POST (zulip-js sends PATCH ones in the query). */
export function zulipParams(req: Request): Record<string, unknown> {
  const body =
    typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body)
      ? (req.body as Record<string, unknown>)
      : {};
  return { ...(req.query as Record<string, unknown>), ...body };
}

export function optionalText(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw invalid(name, 'is not a string');
  return value;
}

export function requiredText(params: Record<string, unknown>, name: string): string {
  const value = optionalText(params, name);
  if (value === undefined)
    throw new DomainError(ErrorCode.ValidationFailed, `Missing '${name}' argument`, [
      { field: name, message: 'missing' },
    ]);
  return value;
}

/** A required parameter that must be one of `choices`. */
export function requiredChoice<const Choice extends string>(
  params: Record<string, unknown>,
  name: string,
  choices: readonly Choice[],
): Choice {
  const value = requiredText(params, name);
  if (!(choices as readonly string[]).includes(value))
    throw invalid(name, `must be ${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`);
  return value as Choice;
}

/** A JSON-encoded value inside a form field, or an already typed JSON body value. */
export function jsonParam(params: Record<string, unknown>, name: string): unknown {
  const value = params[name];
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export function optionalInt(
  params: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = optionalText(params, name);
  if (value === undefined || value === '') return undefined;
  if (!/^-?[0-9]{1,15}$/.test(value)) throw invalid(name, 'is not an integer');
  const number = Number(value);
  if (number < min || number > max) throw invalid(name, `must be between ${min} and ${max}`);
  return number;
}

export function optionalBool(params: Record<string, unknown>, name: string): boolean | undefined {
  const value = optionalText(params, name);
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw invalid(name, 'is not a boolean');
}

export function invalid(name: string, problem: string): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, `Invalid '${name}': ${problem}`, [
    { field: name, message: problem },
  ]);
}

export function zulipIdParam(value: string, what: string): string {
  if (!/^[0-9]{1,15}$/.test(value))
    throw new DomainError(ErrorCode.BadRequest, `Invalid ${what} id: ${value.slice(0, 40)}`);
  return value;
}

export const success = <T extends Record<string, unknown>>(fields: T = {} as T) => ({
  result: 'success',
  msg: '',
  ...fields,
});
