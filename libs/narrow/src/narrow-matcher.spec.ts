import { matchesNarrow } from './narrow-matcher';
import { parseNarrow } from './narrow-parser';
import type { NarrowTerm, NarrowableMessage } from './narrow-term';

const ME = { id: '1', email: 'me@example.com' };
const BOB = { id: '2', email: 'Bob@Example.com' };
const CAROL = { id: '3', email: 'carol@example.com' };

function message(overrides: Partial<NarrowableMessage> = {}): NarrowableMessage {
  return {
    id: '1001',
    kind: 'channel',
    channelId: '10',
    channelName: 'General',
    topic: 'Release plan',
    senderId: '7',
    senderEmail: 'Alice@Example.com',
    participants: [],
    content: 'Hello world',
    hasAttachment: false,
    hasImage: false,
    hasReaction: false,
    flags: { read: false, starred: false, mentioned: false },
    ...overrides,
  };
}

function dmMessage(participants: { id: string; email: string }[], sender = ME): NarrowableMessage {
  return message({
    kind: 'dm',
    channelId: '500',
    channelName: null,
    topic: null,
    senderId: sender.id,
    senderEmail: sender.email,
    participants,
  });
}

function flags(overrides: Partial<NarrowableMessage['flags']>): Pick<NarrowableMessage, 'flags'> {
  return { flags: { read: false, starred: false, mentioned: false, ...overrides } };
}

function t(operator: NarrowTerm['operator'], operand: NarrowTerm['operand']): NarrowTerm {
  return { operator, operand, negated: false };
}

function not(operator: NarrowTerm['operator'], operand: NarrowTerm['operand']): NarrowTerm {
  return { operator, operand, negated: true };
}

const oneToOne = dmMessage([ME, BOB]);
const oneToOneFromBob = dmMessage([ME, BOB], BOB);
const group = dmMessage([ME, BOB, CAROL]);
const selfDm = dmMessage([ME]);

describe('matchesNarrow', () => {
  it.each<[string, NarrowTerm[], NarrowableMessage, boolean]>([
    // empty narrow
    ['empty narrow, channel message', [], message(), true],
    ['empty narrow, dm', [], oneToOne, true],

    // channel
    ['channel by name', [t('channel', 'General')], message(), true],
    ['channel by name, other case', [t('channel', 'gENERAL')], message(), true],
    ['channel by id', [t('channel', '10')], message(), true],
    ['channel, other name', [t('channel', 'random')], message(), false],
    ['channel, other id', [t('channel', '11')], message(), false],
    ['channel, name is not a prefix match', [t('channel', 'Gen')], message(), false],
    ['channel id of a dm conversation', [t('channel', '500')], oneToOne, false],
    ['negated channel, same channel', [not('channel', 'general')], message(), false],
    ['negated channel, other channel', [not('channel', 'random')], message(), true],
    ['negated channel, dm', [not('channel', 'general')], oneToOne, true],

    // topic
    ['topic exact', [t('topic', 'Release plan')], message(), true],
    ['topic, other case', [t('topic', 'RELEASE PLAN')], message(), true],
    [
      'topic, surrounding whitespace in message',
      [t('topic', 'release plan')],
      message({ topic: '  Release plan ' }),
      true,
    ],
    ['topic, single word is not enough', [t('topic', 'release')], message(), false],
    ['topic, other topic', [t('topic', 'lunch')], message(), false],
    ['topic, message without topic', [t('topic', 'lunch')], message({ topic: null }), false],
    ['topic never matches a dm', [t('topic', 'Release plan')], message({ kind: 'dm', topic: 'Release plan' }), false],
    ['negated topic, same topic', [not('topic', 'release plan')], message(), false],
    ['negated topic, other topic', [not('topic', 'lunch')], message(), true],

    // sender
    ['sender by email', [t('sender', 'Alice@Example.com')], message(), true],
    ['sender by email, other case', [t('sender', 'alice@example.COM')], message(), true],
    ['sender by id', [t('sender', '7')], message(), true],
    ['sender, other email', [t('sender', 'bob@example.com')], message(), false],
    ['sender, other id', [t('sender', '8')], message(), false],
    ['sender in a dm', [t('sender', '2')], oneToOneFromBob, true],
    ['negated sender, same sender', [not('sender', '7')], message(), false],
    ['negated sender, other sender', [not('sender', 'bob@example.com')], message(), true],

    // dm
    ['dm 1:1 naming the other participant by email', [t('dm', ['bob@example.com'])], oneToOne, true],
    ['dm 1:1 naming the other participant by id', [t('dm', ['2'])], oneToOne, true],
    ['dm 1:1 sent by the other participant', [t('dm', ['bob@example.com'])], oneToOneFromBob, true],
    ['dm 1:1 naming both participants', [t('dm', ['1', 'bob@example.com'])], oneToOne, true],
    ['dm 1:1 naming a stranger', [t('dm', ['carol@example.com'])], oneToOne, false],
    ['dm 1:1 naming an extra stranger', [t('dm', ['2', '3'])], oneToOne, false],
    ['dm naming one member of a group', [t('dm', ['2'])], group, false],
    ['dm naming the others in a group', [t('dm', ['bob@example.com', 'carol@example.com'])], group, true],
    ['dm naming everyone in a group', [t('dm', ['1', '2', '3'])], group, true],
    ['dm to self', [t('dm', ['me@example.com'])], selfDm, true],
    ['dm to self with another name', [t('dm', ['2'])], selfDm, false],
    ['dm operand never matches a channel message', [t('dm', ['7'])], message(), false],
    ['dm with an empty operand', [t('dm', [])], oneToOne, false],
    ['dm with a comma string operand', [t('dm', 'carol@example.com,2')], group, true],
    ['dm, case-insensitive emails', [t('dm', ['BOB@example.com'])], oneToOne, true],
    ['dm, duplicate participant entries', [t('dm', ['2'])], dmMessage([ME, BOB, BOB]), true],
    ['negated dm, same conversation', [not('dm', ['2'])], oneToOne, false],
    ['negated dm, other conversation', [not('dm', ['2'])], group, true],
    ['negated dm, channel message', [not('dm', ['2'])], message(), true],

    // is
    ['is:dm on a dm', [t('is', 'dm')], oneToOne, true],
    ['is:dm on a channel message', [t('is', 'dm')], message(), false],
    ['is:mentioned, mentioned', [t('is', 'mentioned')], message(flags({ mentioned: true })), true],
    ['is:mentioned, not mentioned', [t('is', 'mentioned')], message(), false],
    ['is:alerted, mentioned', [t('is', 'alerted')], message(flags({ mentioned: true })), true],
    ['is:alerted, not mentioned', [t('is', 'alerted')], message(), false],
    ['is:starred, starred', [t('is', 'starred')], message(flags({ starred: true })), true],
    ['is:starred, not starred', [t('is', 'starred')], message(), false],
    ['is:unread, unread', [t('is', 'unread')], message(), true],
    ['is:unread, read', [t('is', 'unread')], message(flags({ read: true })), false],
    ['is:read, read', [t('is', 'read')], message(flags({ read: true })), true],
    ['is:read, unread', [t('is', 'read')], message(), false],
    ['is:resolved, resolved topic', [t('is', 'resolved')], message({ topic: '✔ Release plan' }), true],
    ['is:resolved, plain topic', [t('is', 'resolved')], message(), false],
    ['is:resolved, check mark without space', [t('is', 'resolved')], message({ topic: '✔Release' }), false],
    ['is:resolved, no topic', [t('is', 'resolved')], message({ topic: null }), false],
    ['negated is:dm, channel message', [not('is', 'dm')], message(), true],
    ['negated is:dm, dm', [not('is', 'dm')], oneToOne, false],
    ['negated is:starred, starred', [not('is', 'starred')], message(flags({ starred: true })), false],
    ['negated is:unread, read', [not('is', 'unread')], message(flags({ read: true })), true],
    ['negated is:resolved, plain topic', [not('is', 'resolved')], message(), true],

    // has
    ['has:attachment, with', [t('has', 'attachment')], message({ hasAttachment: true }), true],
    ['has:attachment, without', [t('has', 'attachment')], message(), false],
    ['has:image, with', [t('has', 'image')], message({ hasImage: true }), true],
    ['has:image, without', [t('has', 'image')], message({ hasAttachment: true }), false],
    ['has:reaction, with', [t('has', 'reaction')], message({ hasReaction: true }), true],
    ['has:reaction, without', [t('has', 'reaction')], message(), false],
    ['negated has:attachment, with', [not('has', 'attachment')], message({ hasAttachment: true }), false],
    ['negated has:reaction, without', [not('has', 'reaction')], message(), true],

    // id
    ['id, same', [t('id', '1001')], message(), true],
    ['id, other', [t('id', '1002')], message(), false],
    ['id, 64-bit', [t('id', '18446744073709551615')], message({ id: '18446744073709551615' }), true],
    ['id, 64-bit off by one', [t('id', '18446744073709551614')], message({ id: '18446744073709551615' }), false],
    ['negated id, same', [not('id', '1001')], message(), false],
    ['negated id, other', [not('id', '5')], message(), true],

    // several terms are ANDed
    ['channel and topic both match', [t('channel', 'general'), t('topic', 'release plan')], message(), true],
    ['channel matches, topic does not', [t('channel', 'general'), t('topic', 'lunch')], message(), false],
    ['channel, not from sender, unread', [t('channel', '10'), not('sender', '8'), t('is', 'unread')], message(), true],
    ['dm and is:starred, not starred', [t('dm', ['2']), t('is', 'starred')], oneToOne, false],
    ['two search terms', [t('search', ['hello']), t('search', ['world'])], message(), true],
    ['contradicting terms', [t('is', 'read'), t('is', 'unread')], message(), false],
  ])('%s', (_label, terms, subject, expected) => {
    expect(matchesNarrow(terms, subject)).toBe(expected);
  });

  describe('has:link', () => {
    it.each<[string, boolean]>([
      ['see https://example.com/docs', true],
      ['see http://example.com', true],
      ['HTTPS://EXAMPLE.COM in capitals', true],
      ['read [the docs](https://example.com/docs) first', true],
      ['(https://example.com)', true],
      ['<http://127.0.0.1:8080/x>', true],
      ['https://bücher.de', true],
      ['http is a protocol', false],
      ['the https scheme', false],
      ['http:// with nothing after it', false],
      ['xhttp://example.com is glued to a word', false],
      ['ftp://example.com', false],
      ['example.com without a scheme', false],
      ['[text](#anchor)', false],
      ['', false],
    ])('%j → %s', (content, expected) => {
      expect(matchesNarrow([t('has', 'link')], message({ content }))).toBe(expected);
      expect(matchesNarrow([not('has', 'link')], message({ content }))).toBe(!expected);
    });
  });

  describe('search', () => {
    it.each<[string[], string, boolean]>([
      [['hello'], 'Hello world', true],
      [['hello', 'world'], 'Hello world', true],
      [['world', 'hello'], 'Hello world', true],
      [['hello', 'mars'], 'Hello world', false],
      [['hell'], 'Hello world', false],
      [['ello'], 'Hello world', false],
      [['deploy'], 'Deploy, then **deploy** again!', true],
      [['deploy'], 'redeploying tomorrow', false],
      [['café'], 'Meet at the CAFÉ.', true],
      [['über'], 'über-cool', true],
      [['42'], 'answer=42;', true],
      [['4'], 'answer=42;', false],
      [['snake_case'], 'use snake_case names', true],
      [['snake'], 'use snake_case names', false],
      [['example'], 'see https://example.com', true],
      [['hello'], '', false],
    ])('%j in %j → %s', (words, content, expected) => {
      expect(matchesNarrow([t('search', words)], message({ content }))).toBe(expected);
      expect(matchesNarrow([not('search', words)], message({ content }))).toBe(!expected);
    });

    it('ignores the topic (content only)', () => {
      expect(matchesNarrow([t('search', ['release'])], message())).toBe(false);
    });
  });

  describe('with parsed narrows', () => {
    it.each<[unknown, NarrowableMessage, boolean]>([
      ['[["stream","general"],["subject","Release plan"]]', message(), true],
      [[['pm-with', 'bob@example.com']], oneToOneFromBob, true],
      [[['pm-with', 'bob@example.com,carol@example.com']], group, true],
      [[['is', 'private']], oneToOne, true],
      [[['-is', 'private']], oneToOne, false],
      [[{ operator: 'sender', operand: 7, negated: true }], message(), false],
      [[['search', 'Hello, World!']], message(), true],
      [[['search', 'hello there']], message(), false],
      [[['id', '0001001']], message(), true],
      [[['channel', 10]], message(), true],
      [null, message(), true],
    ])('%j', (narrow, subject, expected) => {
      expect(matchesNarrow(parseNarrow(narrow), subject)).toBe(expected);
    });
  });
});
