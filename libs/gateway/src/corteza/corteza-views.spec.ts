import type { AttachmentView, MessageView } from '@switchboard/contracts';
import { toCortezaAttachment, toCortezaMessage, toCortezaReactionName, toCortezaReadState } from './corteza-views';

const message = (over: Partial<MessageView> = {}): MessageView => ({
  messageId: '2',
  zulipId: 7,
  channelId: '1',
  userId: '3',
  topic: '',
  message: 'hi',
  type: 'text',
  replyTo: null,
  replies: 0,
  ts: '1.000001',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: null,
  deletedAt: null,
  reactions: [],
  pinned: false,
  meta: null,
  ...over,
});

const attachment = (over: Partial<AttachmentView> = {}): AttachmentView => ({
  attachmentId: '9',
  messageId: '2',
  channelId: '1',
  userId: '3',
  name: 'report.final.PDF',
  contentType: 'application/pdf',
  size: 1234,
  url: '/attachment/9/original/report.final.PDF?sign=s&userID=3',
  previewUrl: null,
  width: null,
  height: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('Corteza views', () => {
  it.each([
    ['thumbsup', ':thumbsup:'],
    ['+1', ':+1:'],
    ['thumbs_up', ':thumbs_up:'],
    ['🎉', '🎉'],
  ])('reaction %s travels as %s', (name, wire) => {
    expect(toCortezaReactionName(name)).toBe(wire);
  });

  it('leaves out what Corteza omitted when empty, and never sends null', () => {
    const shaped = toCortezaMessage(message());
    expect(Object.values(shaped)).not.toContain(null);
    for (const absent of ['replyTo', 'replies', 'reactions', 'att', 'attachment', 'updatedAt', 'deletedAt', 'meta'])
      expect(shaped).not.toHaveProperty(absent);
    expect(shaped).toMatchObject({
      isPinned: false,
      isBookmarked: false,
      canReply: false,
      canEdit: false,
      canDelete: false,
    });
  });

  it('renames the domain’s fields and carries the caller’s capabilities', () => {
    const shaped = toCortezaMessage(
      message({
        replyTo: '1',
        replies: 2,
        pinned: true,
        bookmarked: true,
        reactions: [{ reaction: 'tada', count: 1, userIds: ['3'] }],
        capabilities: { reply: false, edit: true, delete: true },
      }),
    );
    expect(shaped).toMatchObject({
      replyTo: '1',
      replies: 2,
      isPinned: true,
      isBookmarked: true,
      reactions: [{ reaction: ':tada:', count: 1, userIDs: ['3'] }],
      canReply: false,
      canEdit: true,
      canDelete: true,
    });
  });

  it('describes a file in meta.original (extension from the name, lower-cased), without a preview', () => {
    const shaped = toCortezaAttachment(attachment());
    expect(shaped.meta).toEqual({ original: { size: 1234, ext: 'pdf', mimetype: 'application/pdf' } });
    expect(shaped).not.toHaveProperty('previewUrl');
  });

  it('describes an image and its preview', () => {
    const shaped = toCortezaAttachment(
      attachment({
        name: 'photo',
        contentType: 'image/png',
        width: 800,
        height: 600,
        previewUrl: '/attachment/9/preview.jpg?sign=s&userID=3',
      }),
    );
    expect(shaped.meta).toEqual({
      original: { size: 1234, ext: 'png', mimetype: 'image/png', image: { width: 800, height: 600, animated: false } },
      preview: { ext: 'jpg', mimetype: 'image/jpeg', image: { width: 800, height: 600, animated: false } },
    });
    expect(shaped.previewUrl).toBe('/attachment/9/preview.jpg?sign=s&userID=3');
  });

  it('answers mark-as-read as Corteza’s Unread', () => {
    expect(toCortezaReadState({ count: 0, mentions: 0, lastReadMessageId: '5' }, 3)).toEqual({
      count: 0,
      threadCount: 3,
      lastMessageID: '5',
      mentions: 0,
    });
    expect(toCortezaReadState({ count: 0, mentions: 0, lastReadMessageId: null, threadId: '4' }, 0)).toEqual({
      threadID: '4',
      count: 0,
      threadCount: 0,
      mentions: 0,
    });
  });
});
