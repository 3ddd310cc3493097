import { PermissionSet, channelResource } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { channel, member, user } from '../access/access.fixtures';
import { channelCapabilities, messageCapabilities } from './viewer-capabilities';

const when = new Date();
const defaults = (actor: UserEntity) => PermissionSet.defaults(actor.role);
const flags = (caps: object) =>
  Object.entries(caps)
    .filter(([, allowed]) => allowed)
    .map(([name]) => name)
    .sort();

describe('viewer capabilities', () => {
  it.each([
    ['public, not a member', user(), channel(), null, ['join', 'observe']],
    ['public, member', user(), channel(), member(), ['changeMembers', 'observe', 'part', 'sendMessages']],
    [
      'public, owner',
      user(),
      channel(),
      member('owner'),
      ['archive', 'changeMembers', 'delete', 'observe', 'part', 'sendMessages', 'update'],
    ],
    [
      'public, organisation admin not a member',
      user({ role: 'admin' }),
      channel(),
      null,
      ['archive', 'changeMembers', 'delete', 'deleteMessages', 'join', 'observe', 'update'],
    ],
    ['private, not a member', user(), channel({ type: 'private' }), null, []],
    ['group, member', user(), channel({ type: 'group' }), member(), ['observe', 'sendMessages']],
    [
      'archived public, owner',
      user(),
      channel({ archivedAt: when }),
      member('owner'),
      ['archive', 'delete', 'observe', 'part'],
    ],
    ['other organisation', user(), channel({ organisationId: '2' }), null, []],
  ])('channel: %s', (_label, actor, ch, membership, expected) => {
    expect(flags(channelCapabilities(actor, ch, membership, defaults(actor)))).toEqual(expected);
  });

  it('channel: a rule denying message.send takes sendMessages away, observe stays', () => {
    const actor = user();
    const perms = new PermissionSet('member', [
      { resource: channelResource('100'), operation: 'message.send', access: 'deny' },
    ]);
    expect(channelCapabilities(actor, channel(), member(), perms)).toMatchObject({
      sendMessages: false,
      observe: true,
      part: true,
    });
  });

  const message = (
    over: Partial<{ userId: string; replyTo: string | null; deletedAt: string | null; type: string }> = {},
  ) => ({ userId: '10', replyTo: null, deletedAt: null, type: 'text', ...over });
  it.each([
    ['own top-level message, member', user(), message(), channel(), member(), ['delete', 'edit', 'reply']],
    ['someone else’s message, member', user(), message({ userId: '11' }), channel(), member(), ['reply']],
    [
      'someone else’s message, organisation admin member',
      user({ role: 'admin' }),
      message({ userId: '11' }),
      channel(),
      member(),
      ['delete', 'edit', 'reply'],
    ],
    ['own reply', user(), message({ replyTo: '5' }), channel(), member(), ['delete', 'edit']],
    ['own attachment message', user(), message({ type: 'attachment' }), channel(), member(), ['delete', 'reply']],
    ['public channel, not a member', user(), message({ userId: '11' }), channel(), null, []],
    ['deleted message', user(), message({ deletedAt: when.toISOString() }), channel(), member(), []],
    ['archived channel', user(), message(), channel({ archivedAt: when }), member(), []],
  ])('message: %s', (_label, actor, msg, ch, membership, expected) => {
    expect(flags(messageCapabilities(actor, msg, ch, membership, defaults(actor)))).toEqual(expected);
  });
});
