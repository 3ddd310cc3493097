import type { ActivityBroadcast } from '@switchboard/contracts';
import { slackChannelId, slackTeamId, slackUserId } from '@switchboard/contracts';

/**
 * A user's activity (POST /activity/) on RTM sockets, a Switchboard extension in Slack's style:
 * `{"type":"user_activity","user":"U…","kind":"typing","channel":"C…","message_ts":"…","team":"T…","event_ts":"…"}`
 * (`channel` and `message_ts` only when the activity was about one). Delivered to the members of
 * the channel that follow it, or to the whole organisation; never to the actor's own sockets.
 */
export function renderActivityFrame(activity: ActivityBroadcast): Record<string, unknown> {
  const millis = Date.parse(activity.occurredAt);
  return {
    type: 'user_activity',
    user: slackUserId(activity.userId),
    kind: activity.kind,
    ...(activity.channel ? { channel: slackChannelId(activity.channel) } : {}),
    ...(activity.messageTs ? { message_ts: activity.messageTs } : {}),
    team: slackTeamId(activity.organisationId),
    event_ts: `${Math.floor(millis / 1000)}.${String((millis % 1000) * 1000).padStart(6, '0')}`,
  };
}

/** Who on this replica gets an activity: same organisation, not the actor, a member when it names a channel. */
export function receivesActivity(
  activity: ActivityBroadcast,
  viewer: { userId: string; organisationId: string; isMemberOf(channelId: string): boolean },
): boolean {
  if (viewer.organisationId !== activity.organisationId || viewer.userId === activity.userId) return false;
  return activity.channel === null || viewer.isMemberOf(activity.channel.channelId);
}
