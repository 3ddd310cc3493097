import { type ProfileField, type ProfileProblem, normaliseProfileField, profileProblem } from '@switchboard/contracts';
import { SlackApiError, type SlackParams } from './slack-call';
import { text } from './slack-params';

/** The Slack profile fields we store, as users.info shows them: `real_name` is our name, `display_name` our handle. */
const FIELDS: Readonly<Record<string, ProfileField>> = { real_name: 'name', display_name: 'handle' };

const SLACK_ERROR: Record<ProfileProblem, string> = {
  required: 'invalid_name_required',
  too_long: 'invalid_name_maxlength',
  invalid_characters: 'invalid_name_specials',
};

export interface ProfileChange {
  name?: string;
  handle?: string;
  /** Present when the call names an email: not self-editable, the caller checks it did not change. */
  email?: string;
}

/**
 * What a users.profile.set call asks for: the `profile` object (JSON, or a JSON string as form
 * bodies carry it) or the legacy `name` + `value` pair, which wins when both are given (as in
 * @slack/web-api). Fields we do not store (`title`, `first_name`, custom fields…) are ignored.
 */
export function parseProfileSet(params: SlackParams): ProfileChange {
  const single = text(params, 'name');
  const fields = single !== undefined ? { [single]: params.value } : profileObject(params.profile);
  const change: ProfileChange = {};
  for (const [key, raw] of Object.entries(fields)) {
    if (key === 'email') change.email = fieldText(raw).trim();
    const field = FIELDS[key];
    if (!field) continue;
    const value = normaliseProfileField(field, fieldText(raw));
    const problem = profileProblem(field, value);
    if (problem) throw new SlackApiError(SLACK_ERROR[problem]);
    change[field] = value;
  }
  return change;
}

function profileObject(value: unknown): Record<string, unknown> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new SlackApiError('invalid_profile');
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new SlackApiError('invalid_profile');
  return parsed as Record<string, unknown>;
}

function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new SlackApiError('invalid_profile');
}
