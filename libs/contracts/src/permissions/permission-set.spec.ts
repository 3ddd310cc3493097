import { PermissionSet } from './permission-set';
import { type Operation, type PermissionRule, resourceMatches, validRuleResource } from './permissions';

const rule = (resource: string, operation: Operation, access: 'allow' | 'deny'): PermissionRule => ({
  resource,
  operation,
  access,
});

describe('PermissionSet', () => {
  it.each<[string, 'admin' | 'member', PermissionRule[], Operation, string, boolean]>([
    ['member default read', 'member', [], 'read', 'messaging:channel:5', true],
    ['member default cannot edit others', 'member', [], 'message.update.all', 'messaging:channel:5', false],
    ['member default cannot manage permissions', 'member', [], 'permissions.manage', 'messaging', false],
    ['admin default everything', 'admin', [], 'message.delete.all', 'messaging:channel:5', true],
    [
      'deny on one channel',
      'member',
      [rule('messaging:channel:5', 'read', 'deny')],
      'read',
      'messaging:channel:5',
      false,
    ],
    [
      'deny on one channel leaves others',
      'member',
      [rule('messaging:channel:5', 'read', 'deny')],
      'read',
      'messaging:channel:6',
      true,
    ],
    [
      'wildcard deny',
      'member',
      [rule('messaging:channel:*', 'message.send', 'deny')],
      'message.send',
      'messaging:channel:9',
      false,
    ],
    [
      'deny wins over a specific allow',
      'member',
      [rule('messaging:channel:9', 'message.send', 'allow'), rule('messaging:channel:*', 'message.send', 'deny')],
      'message.send',
      'messaging:channel:9',
      false,
    ],
    [
      'deny wins whatever the order',
      'member',
      [rule('messaging:channel:*', 'message.send', 'deny'), rule('messaging:channel:9', 'message.send', 'allow')],
      'message.send',
      'messaging:channel:9',
      false,
    ],
    [
      'allow beats a default deny',
      'member',
      [rule('messaging:channel:*', 'message.delete.all', 'allow')],
      'message.delete.all',
      'messaging:channel:1',
      true,
    ],
    [
      'admin can be denied too',
      'admin',
      [rule('messaging', 'channel.public.create', 'deny')],
      'channel.public.create',
      'messaging',
      false,
    ],
    [
      'rule of another operation does not apply',
      'member',
      [rule('messaging:channel:*', 'join', 'deny')],
      'read',
      'messaging:channel:1',
      true,
    ],
  ])('%s', (_label, role, rules, operation, resource, expected) => {
    expect(new PermissionSet(role, rules).can(operation, resource)).toBe(expected);
  });

  it.each([
    ['messaging:channel:*', 'messaging:channel:12', true],
    ['messaging:channel:*', 'messaging', false],
    ['messaging:channel:12', 'messaging:channel:12', true],
    ['messaging:channel:12', 'messaging:channel:123', false],
    ['messaging', 'messaging', true],
  ])('resourceMatches(%s, %s)', (pattern, resource, expected) => {
    expect(resourceMatches(pattern, resource)).toBe(expected);
  });

  it.each<[Operation, string, boolean]>([
    ['read', 'messaging:channel:*', true],
    ['read', 'messaging:channel:42', true],
    ['read', 'messaging', false],
    ['read', 'messaging:channel:abc', false],
    ['channel.public.create', 'messaging', true],
    ['channel.public.create', 'messaging:channel:*', false],
  ])('validRuleResource(%s, %s)', (operation, resource, expected) => {
    expect(validRuleResource(operation, resource)).toBe(expected);
  });
});
