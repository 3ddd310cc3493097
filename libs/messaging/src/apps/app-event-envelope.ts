import {
  type AnyDomainEvent,
  type SlackEventCallback,
  encodeSlackId,
  slackTeamId,
  slackUserId,
  unixSeconds,
} from '@switchboard/contracts';
import type { SelectedAppEvent } from './app-event-selector';

/**
 * The Redis Stream id of an app event: the organisation's event id, then which of that event's
 * Slack events it is. An app belongs to one organisation, whose event ids grow in commit order, so
 * ids only grow, and a replayed batch re-adds the same ids, which XADD refuses.
 */
export function appStreamEntryId(event: AnyDomainEvent, selected: SelectedAppEvent): string {
  return `${event.eventId}-${selected.index}`;
}

/** Slack-shaped, unique per (organisation event, Slack event type): `Ev` + type index + event id. */
export function slackEventId(event: AnyDomainEvent, selected: SelectedAppEvent): string {
  return `Ev${selected.index.toString(36).toUpperCase()}${BigInt(event.eventId).toString(36).toUpperCase()}`;
}

export function eventCallback(
  event: AnyDomainEvent,
  selected: SelectedAppEvent,
  app: { appId: string; botUserId: string },
): SlackEventCallback {
  const team = slackTeamId(event.organisationId);
  return {
    // Slack's deprecated verification token: Bolt ignores it; requests are signed instead.
    token: 'deprecated',
    team_id: team,
    api_app_id: encodeSlackId('app', app.appId),
    event: selected.event,
    type: 'event_callback',
    event_id: slackEventId(event, selected),
    event_time: unixSeconds(event.occurredAt),
    authorizations: [
      {
        enterprise_id: null,
        team_id: team,
        user_id: slackUserId(app.botUserId),
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: Buffer.from(`${event.organisationId}:${event.eventId}`).toString('base64url'),
  };
}
