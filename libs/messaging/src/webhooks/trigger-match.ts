/**
 * Whether a message fires an outgoing webhook: any message when no trigger is set, otherwise a
 * message whose text starts with the trigger word, followed by whitespace or nothing
 * ("!deploy now" fires "!deploy", "!deployment" does not). Case-sensitive, as Slack's trigger words.
 */
export function matchesTrigger(text: string, trigger: string | null): boolean {
  if (!trigger) return true;
  const body = text.trimStart();
  if (!body.startsWith(trigger)) return false;
  const next = body.charAt(trigger.length);
  return next === '' || /\s/.test(next);
}
