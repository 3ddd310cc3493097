import type {
  ChannelType,
  ChannelView,
  DomainEvent,
  DomainEventPayloads,
  DomainEventType,
  MessageView,
  UserView,
} from '@switchboard/contracts';

/**
 * Views and events for the realtime specs: organisation 1001, channel 3001 created by user 2002,
 * message 5001 by user 2002, all on 2025-01-01; every field can be overridden.
 */
export const FIXTURE_ORG = '1001';
export const FIXTURE_CHANNEL = '3001';
export const FIXTURE_AUTHOR = '2002';

export const userView = (userId: string, over: Partial<UserView> = {}): UserView => ({
  userId,
  zulipId: 1,
  organisationId: FIXTURE_ORG,
  email: `${userId}@example.com`,
  handle: `user${userId}`,
  name: `User ${userId}`,
  kind: 'user',
  role: 'member',
  createdAt: '2025-01-01T00:00:00.000Z',
  deactivatedAt: null,
  ...over,
});

export const channelView = (type: ChannelType, over: Partial<ChannelView> = {}): ChannelView => ({
  channelId: FIXTURE_CHANNEL,
  zulipId: 1,
  organisationId: FIXTURE_ORG,
  name: 'general',
  topic: 'Chat',
  type,
  creatorId: FIXTURE_AUTHOR,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: null,
  archivedAt: null,
  deletedAt: null,
  ...over,
});

export const messageView = (over: Partial<MessageView> = {}): MessageView => ({
  messageId: '5001',
  zulipId: 1,
  topic: '',
  channelId: FIXTURE_CHANNEL,
  userId: FIXTURE_AUTHOR,
  message: 'Hello',
  type: 'text',
  replyTo: null,
  replies: 0,
  ts: '1735689600.100001',
  createdAt: '2025-01-01T00:00:00.100Z',
  updatedAt: null,
  deletedAt: null,
  reactions: [],
  pinned: false,
  ...over,
});

/** Event 42 of the organisation, by user 2002 at 2025-01-01T00:00:01Z, to the whole organisation. */
export function domainEvent<T extends DomainEventType>(
  type: T,
  payload: DomainEventPayloads[T],
  over: Partial<Omit<DomainEvent<T>, 'type' | 'payload'>> = {},
): DomainEvent<T> {
  return {
    organisationId: FIXTURE_ORG,
    eventId: '42',
    type,
    occurredAt: '2025-01-01T00:00:01.000Z',
    actorId: FIXTURE_AUTHOR,
    audience: { organisation: true },
    payload,
    ...over,
  };
}
