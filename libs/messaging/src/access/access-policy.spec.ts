import { PermissionSet } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { channel, member, user } from './access.fixtures';
import { canEditMessage, canInvite, canJoin, canManageChannel, canPost, canRead } from './access-policy';

const when = new Date();
const perms = (actor: UserEntity) => PermissionSet.defaults(actor.role);

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
    expect(canRead(user(), ch, membership, perms(user()))).toBe(expected);
  });

  it.each([
    ['public, not a member', channel(), null, false],
    ['public, member', channel(), member(), true],
    ['archived, member', channel({ archivedAt: when }), member(), false],
    ['private, member', channel({ type: 'private' }), member(), true],
    ['deleted, member', channel({ deletedAt: when }), member(), false],
  ])('canPost: %s', (_label, ch, membership, expected) => {
    expect(canPost(user(), ch, membership, perms(user()))).toBe(expected);
  });

  it.each([
    ['member', user(), member(), false],
    ['owner', user(), member('owner'), true],
    ['org admin, not a member of a public channel', user({ role: 'admin' }), null, true],
  ])('canManageChannel: %s', (_label, actor, membership, expected) => {
    expect(canManageChannel(actor, channel(), membership, perms(actor))).toBe(expected);
  });

  it('org admins cannot manage private channels they cannot read', () => {
    expect(
      canManageChannel(user({ role: 'admin' }), channel({ type: 'private' }), null, perms(user({ role: 'admin' }))),
    ).toBe(false);
  });

  it.each([
    ['author', user({ id: '10' }), '10', true],
    ['someone else', user({ id: '11' }), '10', false],
    ['admin', user({ id: '11', role: 'admin' }), '10', true],
  ])('canEditMessage: %s', (_label, actor, authorId, expected) => {
    expect(canEditMessage(actor, authorId, '100', perms(actor))).toBe(expected);
  });

  it.each([
    ['public', channel(), true],
    ['private', channel({ type: 'private' }), false],
    ['group', channel({ type: 'group' }), false],
    ['deleted public', channel({ deletedAt: when }), false],
    ['public of another organisation', channel({ organisationId: '2' }), false],
  ])('canJoin: %s', (_label, ch, expected) => {
    expect(canJoin(user(), ch, perms(user()))).toBe(expected);
  });

  it.each([
    ['public, member', channel(), member(), user(), true],
    ['public, not a member', channel(), null, user(), false],
    ['public, admin not a member', channel(), null, user({ role: 'admin' }), true],
    ['private, member', channel({ type: 'private' }), member(), user(), true],
    ['group, member', channel({ type: 'group' }), member(), user(), false],
  ])('canInvite: %s', (_label, ch, membership, actor, expected) => {
    expect(canInvite(actor, ch, membership, perms(actor))).toBe(expected);
  });

  describe('with rules', () => {
    const denied = (operation: 'read' | 'message.send' | 'update' | 'join', resource = 'messaging:channel:100') =>
      new PermissionSet('member', [{ resource, operation, access: 'deny' }]);
    it('a read deny hides even a public channel one is a member of', () => {
      expect(canRead(user(), channel(), member(), denied('read'))).toBe(false);
    });
    it('a wildcard send deny stops posting', () => {
      expect(canPost(user(), channel(), member(), denied('message.send', 'messaging:channel:*'))).toBe(false);
    });
    it('an update deny stops even the owner', () => {
      expect(canManageChannel(user(), channel(), member('owner'), denied('update'))).toBe(false);
    });
    it('a join deny stops joining', () => {
      expect(canJoin(user(), channel(), denied('join'))).toBe(false);
    });
    it('an allow cannot open a private channel to a non-member', () => {
      expect(
        canRead(
          user(),
          channel({ type: 'private' }),
          null,
          new PermissionSet('member', [{ resource: 'messaging:channel:*', operation: 'read', access: 'allow' }]),
        ),
      ).toBe(false);
    });
    it('message.delete.all lets a member delete others’ messages', () => {
      const allowed = new PermissionSet('member', [
        { resource: 'messaging:channel:*', operation: 'message.delete.all', access: 'allow' },
      ]);
      expect(canEditMessage(user({ id: '11' }), '10', '100', allowed, 'message.delete.all')).toBe(true);
      expect(canEditMessage(user({ id: '11' }), '10', '100', allowed, 'message.update.all')).toBe(false);
    });
  });
});
