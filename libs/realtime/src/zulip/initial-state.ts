import {
  type ClientSnapshot,
  ZULIP_FEATURE_LEVEL,
  ZULIP_VERSION,
  zulipStream,
  zulipSubscriptions,
  zulipUser,
} from '@switchboard/contracts';

/** The initial state Zulip's register returns, for the requested `fetch_event_types` (null = all). */
export function initialState(snapshot: ClientSnapshot, fetchTypes: string[] | null): Record<string, unknown> {
  const wants = (type: string) => fetchTypes === null || fetchTypes.includes(type);
  const member = new Set(snapshot.memberOf);
  const state: Record<string, unknown> = {
    zulip_version: ZULIP_VERSION,
    zulip_feature_level: ZULIP_FEATURE_LEVEL,
    zulip_merge_base: ZULIP_VERSION,
    user_id: snapshot.user.zulipId,
    email: snapshot.user.email,
    full_name: snapshot.user.name,
    is_admin: snapshot.user.role === 'admin',
  };
  if (wants('message')) state.max_message_id = snapshot.maxMessageZulipId;
  if (wants('realm_user')) {
    state.realm_users = snapshot.users.filter((user) => user.deactivatedAt === null).map(zulipUser);
    state.realm_non_active_users = snapshot.users.filter((user) => user.deactivatedAt !== null).map(zulipUser);
  }
  if (wants('subscription')) {
    state.subscriptions = zulipSubscriptions(snapshot);
    state.unsubscribed = [];
    state.never_subscribed = snapshot.channels
      .filter((channel) => !member.has(channel.channelId))
      .map((channel) => ({ ...zulipStream(channel), subscribers: [] }));
  }
  if (wants('stream')) state.streams = snapshot.channels.map((channel) => zulipStream(channel));
  return state;
}
