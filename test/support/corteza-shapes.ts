/**
 * How Corteza's messaging service serialised each entity, written from its Go types (fields, JSON
 * tags, `omitempty`, `,string`), not from our output:
 *
 * - channel, message, reaction, attachment, member, unread: corteza-server 2020.12.x,
 *   pkg/payload/outgoing/{channel,message,attachment,channel_member,unread}.go, the converters in
 *   pkg/payload/outgoing.go, and messaging/types/attachment.go (attachment meta);
 *   mark-as-read answers outgoing.Unread (messaging/rest/message.go).
 * - status: messaging/rest/status.go (userStatus), same release.
 * - permission rule: pkg/rbac/rule.go (Access marshals as "allow" / "deny" / "inherit").
 * - webhook: messaging/types/webhook.go of 2020.3 (the last server with webhooks, served to the
 *   2020.6 client).
 *
 * `example` holds one value of the right JSON type per field Corteza always sends; `omitempty`
 * lists the dotted paths Corteza leaves out when empty (they must then be absent, never null);
 * `extras` are our additions; `notProvided` and `renamed` are the documented differences.
 */
export interface CortezaShape {
  example: Record<string, unknown>;
  omitempty: string[];
  extras?: string[];
  notProvided?: Record<string, string>;
  renamed?: Record<string, string>;
}

const ID = '201384962315223042';
const TIME = '2020-12-01T10:00:00Z';

export const CORTEZA_SHAPES: Record<
  'channel' | 'message' | 'attachment' | 'reaction' | 'unread' | 'member' | 'status' | 'webhook' | 'permissionRule',
  CortezaShape
> = {
  channel: {
    example: {
      channelID: ID,
      name: 'general',
      topic: '',
      type: 'public',
      membershipPolicy: '',
      membershipFlag: '',
      canJoin: false,
      canPart: true,
      canObserve: true,
      canSendMessages: true,
      canDeleteMessages: false,
      canChangeMembers: true,
      canChangeMembershipPolicy: false,
      canUpdate: true,
      canArchive: true,
      canDelete: true,
      createdAt: TIME,
      unread: { lastMessageID: ID, count: 1, threadCount: 0, threadTotal: 1 },
      members: [ID],
      updatedAt: TIME,
      archivedAt: TIME,
      deletedAt: TIME,
    },
    omitempty: [
      'unread',
      'unread.lastMessageID',
      'unread.threadTotal',
      'members',
      'updatedAt',
      'archivedAt',
      'deletedAt',
    ],
    extras: ['organisationID', 'creatorID', 'zulipID', 'threads', 'unread.mentions'],
    notProvided: { lastMessageID: 'the newest message id is not kept per channel; the web app does not read it' },
  },
  message: {
    example: {
      messageID: ID,
      type: 'text',
      message: 'hello',
      channelID: ID,
      userID: ID,
      isBookmarked: false,
      isPinned: false,
      canReply: true,
      canEdit: true,
      canDelete: true,
      createdAt: TIME,
      replyTo: ID,
      replies: 1,
      repliesFrom: [ID],
      unread: { lastMessageID: ID, count: 1 },
      att: {},
      mentions: [ID],
      reactions: [{}],
      updatedAt: TIME,
      deletedAt: TIME,
    },
    omitempty: [
      'replyTo',
      'replies',
      'repliesFrom',
      'unread',
      'att',
      'mentions',
      'reactions',
      'updatedAt',
      'deletedAt',
    ],
    extras: ['attachment', 'meta', 'topic', 'zulipID', 'ts'],
  },
  attachment: {
    example: {
      attachmentID: ID,
      userID: ID,
      url: '/attachment/1/original/a.png?sign=x&userID=1',
      meta: {
        original: { size: 1, ext: 'png', mimetype: 'image/png', image: { width: 1, height: 1, animated: false } },
        preview: { size: 1, ext: 'jpg', mimetype: 'image/jpeg', image: { width: 1, height: 1, animated: false } },
      },
      name: 'a.png',
      createdAt: TIME,
      previewUrl: '/attachment/1/preview.jpg?sign=x&userID=1',
      updatedAt: TIME,
    },
    omitempty: [
      'previewUrl',
      'updatedAt',
      'meta.preview',
      'meta.original.image',
      'meta.preview.image',
      'meta.original.image.width',
      'meta.original.image.height',
      'meta.preview.image.width',
      'meta.preview.image.height',
    ],
    notProvided: {
      'meta.preview.size': 'the preview’s byte size is not stored; the web app reads the preview’s mimetype only',
    },
  },
  reaction: {
    example: { userIDs: [ID], reaction: ':thumbsup:', count: 1 },
    omitempty: [],
  },
  unread: {
    example: { count: 0, threadCount: 0, lastMessageID: ID, channelID: ID, threadID: ID, threadTotal: 0 },
    omitempty: ['lastMessageID', 'channelID', 'threadID', 'threadTotal'],
    extras: ['mentions'],
  },
  member: {
    example: { userID: ID, type: 'owner', createdAt: TIME, updatedAt: TIME },
    omitempty: ['updatedAt'],
    extras: ['channelID'],
  },
  status: {
    example: { userID: ID, present: 'online', icon: '', message: '' },
    omitempty: [],
    extras: ['expiresAt', 'whenActive', 'setAt'],
    notProvided: {
      present:
        'Corteza listed the users connected to its own websocket as "online"; statuses here are the ones users set',
    },
  },
  webhook: {
    example: {
      id: ID,
      kind: 'incoming',
      channelId: ID,
      trigger: '',
      url: '',
      createdAt: TIME,
      updatedAt: TIME,
      deletedAt: TIME,
    },
    omitempty: ['updatedAt', 'deletedAt'],
    extras: ['organisationID', 'userID', 'ownerID', 'username', 'avatarURL', 'token', 'incomingPath', 'signingSecret'],
    renamed: { id: 'webhookID', channelId: 'channelID' },
  },
  permissionRule: {
    example: { roleID: ID, resource: 'messaging:channel:1', operation: 'message.send', access: 'allow' },
    omitempty: [],
  },
};

type JsonType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null' | 'undefined';

function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

/**
 * The differences between our JSON and Corteza's shape, as readable lines (empty when they match):
 * a field Corteza always sent that is missing or of another type, an omitempty field sent as null,
 * or a field Corteza never had (unless listed as ours).
 */
export function shapeDifferences(
  ours: unknown,
  shape: CortezaShape,
  options: { nullableExtras?: boolean } = {},
): string[] {
  const differences: string[] = [];
  const renamed = shape.renamed ?? {};
  const skipped = new Set(Object.keys(shape.notProvided ?? {}));
  const walk = (value: Record<string, unknown>, example: Record<string, unknown>, prefix: string): void => {
    for (const [exampleKey, expected] of Object.entries(example)) {
      const path = prefix + exampleKey;
      if (skipped.has(path)) continue;
      const key = renamed[path] ?? exampleKey;
      const optional = shape.omitempty.includes(path);
      if (!(key in value)) {
        if (!optional) differences.push(`${path}: missing`);
        continue;
      }
      const actual = value[key];
      if (actual === null) {
        differences.push(
          `${path}: null (Corteza ${optional ? 'omits it when empty' : `sends a ${jsonType(expected)}`})`,
        );
        continue;
      }
      if (jsonType(actual) !== jsonType(expected))
        differences.push(`${path}: ${jsonType(actual)} instead of ${jsonType(expected)}`);
      else if (jsonType(expected) === 'object' && Object.keys(expected as object).length > 0)
        walk(actual as Record<string, unknown>, expected as Record<string, unknown>, `${path}.`);
    }
    const known = new Set([
      ...Object.keys(example).map((key) => renamed[prefix + key] ?? key),
      ...(shape.extras ?? []).filter((extra) => !extra.includes('.')),
    ]);
    for (const key of Object.keys(value)) {
      if (prefix === '' && !known.has(key)) differences.push(`${key}: not a Corteza field`);
      if (prefix === '' && !options.nullableExtras && (shape.extras ?? []).includes(key) && value[key] === null)
        differences.push(`${key}: null`);
    }
  };
  walk(ours as Record<string, unknown>, shape.example, '');
  return differences;
}
