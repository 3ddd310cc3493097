import { Transform } from 'class-transformer';
import { type ValidationArguments, type ValidationOptions, IsOptional, IsString, ValidateBy } from 'class-validator';

/** The same limits as at user creation (admin CLI): names 1–100 characters, handles at most 40. */
export const MAX_USER_NAME_LENGTH = 100;
export const MAX_HANDLE_LENGTH = 40;
/**
 * Lower-case letters, digits, `.`, `_` and `-`, starting and ending with a letter or digit: the
 * mention parser strips trailing punctuation, so `@ada.` would never find the user `ada.`.
 */
export const HANDLE_PATTERN = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

export type ProfileField = 'name' | 'handle';
export type ProfileProblem = 'required' | 'too_long' | 'invalid_characters';

/** Names are trimmed; handles are trimmed and lower-cased, as at creation. */
export function normaliseProfileField(field: ProfileField, value: string): string {
  const trimmed = value.trim();
  return field === 'handle' ? trimmed.toLowerCase() : trimmed;
}

/** What is wrong with an already normalised value, or null. Each dialect words these its own way. */
export function profileProblem(field: ProfileField, value: string): ProfileProblem | null {
  if (value.length === 0) return 'required';
  if (value.length > (field === 'name' ? MAX_USER_NAME_LENGTH : MAX_HANDLE_LENGTH)) return 'too_long';
  if (field === 'handle' && !HANDLE_PATTERN.test(value)) return 'invalid_characters';
  return null;
}

export function profileProblemMessage(field: ProfileField, problem: ProfileProblem): string {
  switch (problem) {
    case 'required':
      return `${field} must not be empty`;
    case 'too_long':
      return `${field} must be at most ${field === 'name' ? MAX_USER_NAME_LENGTH : MAX_HANDLE_LENGTH} characters`;
    case 'invalid_characters':
      return 'handle may contain only a-z, 0-9, ".", "_" and "-", and must start and end with a letter or digit';
  }
}

const Normalised = (field: ProfileField): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'string' ? normaliseProfileField(field, value) : value));

function IsProfileField(field: ProfileField, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: `isProfile${field}`,
      validator: {
        validate: (value) => typeof value === 'string' && profileProblem(field, value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          profileProblemMessage(field, profileProblem(field, String(args?.value ?? '')) ?? 'required'),
      },
    },
    options,
  );
}

/** `PATCH /internal/v1/users/me`: the caller's own display name and handle; nothing else is self-editable. */
export class UpdateProfileDto {
  @IsOptional()
  @Normalised('name')
  @IsString()
  @IsProfileField('name')
  name?: string;

  @IsOptional()
  @Normalised('handle')
  @IsString()
  @IsProfileField('handle')
  handle?: string;
}
