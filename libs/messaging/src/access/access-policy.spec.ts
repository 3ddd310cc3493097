import type { ChannelEntity, ChannelMemberEntity, UserEntity } from '@switchboard/db';
import { canEditMessage, canInvite, canJoin, canManageChannel, canPost, canRead } from './access-policy';

const user = (over: Partial<UserEntity> = {}): UserEntity => ({ id: '10', organisationId: '1', role: 'member', deactivatedAt: null, ...over }) as UserEntity;
const channel = (over: Partial<ChannelEntity> = {}): ChannelEntity =>
  ({ id: '100', organisationId: '1', type: 'public', archivedAt: null, deletedAt: null, ...over }) as ChannelEntity;
const member = (role: 'owner' | 'member' = 'member'): ChannelMemberEntity => ({ channelId: '100', userId: '10', role }) as ChannelMemberEntity;
const when = new Date();

describe('access policy', () => {
  it.each([
    ['public, not a member', channel(), null, true],
    ['public, member', channel(), member(), true],
    ['private, not a member', channel({ type: 'private' }), null, false],
    ['private, member', channel({ type: 'private' }), member(), true],
    ['group, not a member', channel({ type: 'group' }), null, false],
    ['group, member', channel({ type: 'group' }), member(), true],
    ['deleted public', channel({ deletedAt: when }), member(), false],
    ['archived public', channel({ archivedAt: when }), null, true],
    ['other organisation', channel({ organisationId: '2' }), null, false],
  ])('canRead: %s', (_label, ch, membership, expected) => {
    expect(canRead(user(), ch, membership)).toBe(expected);
  });

  it.each([
    ['public, not a member', channel(), null, false],
    ['public, member', channel(), member(), true],
    ['archived, member', channel({ archivedAt: when }), member(), false],
    ['private, member', channel({ type: 'private' }), member(), true],
    ['deleted, member', channel({ deletedAt: when }), member(), false],
  ])('canPost: %s', (_label, ch, membership, expected) => {
    expect(canPost(user(), ch, membership)).toBe(expected);
  });

  it.each([
    ['member', user(), member(), false],
    ['owner', user(), member('owner'), true],
    ['org admin, not a member of a public channel', user({ role: 'admin' }), null, true],
  ])('canManageChannel: %s', (_label, actor, membership, expected) => {
    expect(canManageChannel(actor, channel(), membership)).toBe(expected);
  });

  it('org admins cannot manage private channels they cannot read', () => {
    expect(canManageChannel(user({ role: 'admin' }), channel({ type: 'private' }), null)).toBe(false);
  });

  it.each([
    ['author', user({ id: '10' }), '10', true],
    ['someone else', user({ id: '11' }), '10', false],
    ['admin', user({ id: '11', role: 'admin' }), '10', true],
  ])('canEditMessage: %s', (_label, actor, authorId, expected) => {
    expect(canEditMessage(actor, authorId)).toBe(expected);
  });

  it.each([
    ['public', channel(), true],
    ['private', channel({ type: 'private' }), false],
    ['group', channel({ type: 'group' }), false],
    ['deleted public', channel({ deletedAt: when }), false],
    ['public of another organisation', channel({ organisationId: '2' }), false],
  ])('canJoin: %s', (_label, ch, expected) => {
    expect(canJoin(user(), ch)).toBe(expected);
  });

  it.each([
    ['public, member', channel(), member(), user(), true],
    ['public, not a member', channel(), null, user(), false],
    ['public, admin not a member', channel(), null, user({ role: 'admin' }), true],
    ['private, member', channel({ type: 'private' }), member(), user(), true],
    ['group, member', channel({ type: 'group' }), member(), user(), false],
  ])('canInvite: %s', (_label, ch, membership, actor, expected) => {
    expect(canInvite(actor, ch, membership)).toBe(expected);
  });
});
