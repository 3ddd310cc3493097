import type { ChannelEntity, ChannelMemberEntity, UserEntity } from '@switchboard/db';

/** Rows for access decisions in unit specs: user 10 of organisation 1, channel 100 of the same organisation. */
export const user = (over: Partial<UserEntity> = {}): UserEntity =>
  ({ id: '10', organisationId: '1', role: 'member', deactivatedAt: null, ...over }) as UserEntity;

export const channel = (over: Partial<ChannelEntity> = {}): ChannelEntity =>
  ({ id: '100', organisationId: '1', type: 'public', archivedAt: null, deletedAt: null, ...over }) as ChannelEntity;

export const member = (role: 'owner' | 'member' = 'member'): ChannelMemberEntity =>
  ({ channelId: '100', userId: '10', role }) as ChannelMemberEntity;
