import type { UserView } from '@switchboard/contracts';
import type { FollowSet, QueueSpec } from './queue-spec';
import { userView } from '../view.fixtures';

/** The Zulip specs' organisation and the user whose queue they read (Ada, Zulip id 11). */
export const ZULIP_ORG = '100';
export const ZULIP_ME = '1';

export const zulipUser = (userId: string, zulipId: number, name = `User ${userId}`): UserView =>
  userView(userId, { zulipId, organisationId: ZULIP_ORG, email: `u${userId}@example.com`, handle: `u${userId}`, name });

/** A queue of ZULIP_ME for every event type, without narrow, from the start. */
export const queueSpec = (over: Partial<QueueSpec> = {}): QueueSpec => ({
  queueId: 'q',
  userId: ZULIP_ME,
  organisationId: ZULIP_ORG,
  viewer: zulipUser(ZULIP_ME, 11, 'Ada'),
  eventTypes: null,
  narrow: [],
  allPublicStreams: false,
  applyMarkdown: false,
  lifespanSecs: 600,
  startEventId: '0',
  ...over,
});

export const followSet = (member: string[], publics: string[]): FollowSet => ({
  member: new Set(member),
  public: new Set(publics),
});
