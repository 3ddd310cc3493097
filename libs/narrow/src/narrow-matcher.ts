import type { NarrowTerm, NarrowableMessage } from './narrow-term';
import { RESOLVED_TOPIC_PREFIX, tokenizeWords } from './narrow-vocabulary';

/**
 * A URL with an http(s) scheme and at least one host character, not glued to a preceding word
 * (so "xhttp://" is not a link and the bare word "http" never is). Markdown links
 * `[text](https://…)` contain such a URL, so they need no separate pattern.
 */
const LINK_PATTERN = /(?<![\p{L}\p{N}_])https?:\/\/[\p{L}\p{N}[]/iu;

/** True when the message satisfies every term (terms are ANDed; an empty narrow matches all). */
export function matchesNarrow(terms: readonly NarrowTerm[], message: NarrowableMessage): boolean {
  return terms.every((term) => matchesTerm(term, message) !== term.negated);
}

function matchesTerm(term: NarrowTerm, message: NarrowableMessage): boolean {
  switch (term.operator) {
    case 'dm':
      return matchesDm(asList(term.operand), message);
    case 'search':
      return matchesSearch(term.operand, message);
    default:
      return TEXT_OPERATORS[term.operator](asText(term.operand), message);
  }
}

/** The operators whose operand is one text. */
const TEXT_OPERATORS: Record<
  Exclude<NarrowTerm['operator'], 'dm' | 'search'>,
  (operand: string, message: NarrowableMessage) => boolean
> = {
  channel: matchesChannel,
  topic: matchesTopic,
  sender: matchesSender,
  is: matchesIs,
  has: matchesHas,
  id: (operand, message) => operand === message.id,
};

// Terms from parseNarrow already have the right operand shape; these keep hand-built terms sane.
function asText(operand: string | string[]): string {
  return typeof operand === 'string' ? operand : operand.join(',');
}

function asList(operand: string | string[]): string[] {
  return typeof operand === 'string' ? operand.split(',') : operand;
}

function sameText(left: string, right: string): boolean {
  return left.trim().toLowerCase() === right.trim().toLowerCase();
}

function matchesChannel(operand: string, message: NarrowableMessage): boolean {
  if (message.kind !== 'channel') {
    return false;
  }
  return operand === message.channelId || (message.channelName !== null && sameText(operand, message.channelName));
}

/** Exact, case-insensitive topic equality; unlike Zulip, single words of a topic do not match. */
function matchesTopic(operand: string, message: NarrowableMessage): boolean {
  return message.kind === 'channel' && message.topic !== null && sameText(operand, message.topic);
}

function matchesSender(operand: string, message: NarrowableMessage): boolean {
  return operand === message.senderId || sameText(operand, message.senderEmail);
}

/**
 * The operand names a conversation without knowing who is reading it: it may list all
 * participants or everyone but the reader. So it matches when every operand element names a
 * participant (by id or email) and at most ONE participant is left unnamed. `dm:bob` thus
 * matches the 1:1 conversation between the reader and bob, whoever sent the message, but not
 * a group conversation that also includes bob.
 */
function matchesDm(operand: readonly string[], message: NarrowableMessage): boolean {
  const named = [...new Set(operand.map((element) => element.trim().toLowerCase()))];
  if (message.kind !== 'dm' || named.length === 0) {
    return false;
  }
  const participants = uniqueById(message.participants);
  const namesSomeone = (element: string): boolean => participants.some((participant) => names(element, participant));
  const unnamed = participants.filter((participant) => !named.some((element) => names(element, participant)));
  return named.every(namesSomeone) && unnamed.length <= 1;
}

function names(element: string, participant: { id: string; email: string }): boolean {
  return element === participant.id || element === participant.email.toLowerCase();
}

function uniqueById<T extends { id: string }>(participants: readonly T[]): T[] {
  return [...new Map(participants.map((participant) => [participant.id, participant])).values()];
}

function matchesIs(operand: string, message: NarrowableMessage): boolean {
  switch (operand) {
    case 'dm':
    case 'private':
      return message.kind === 'dm';
    case 'mentioned':
    case 'alerted':
      return message.flags.mentioned;
    case 'starred':
      return message.flags.starred;
    case 'unread':
      return !message.flags.read;
    case 'read':
      return message.flags.read;
    case 'resolved':
      return message.topic !== null && message.topic.startsWith(RESOLVED_TOPIC_PREFIX);
    default:
      return false;
  }
}

function matchesHas(operand: string, message: NarrowableMessage): boolean {
  switch (operand) {
    case 'attachment':
      return message.hasAttachment;
    case 'image':
      return message.hasImage;
    case 'reaction':
      return message.hasReaction;
    case 'link':
      return LINK_PATTERN.test(message.content);
    default:
      return false;
  }
}

/** Every searched word must occur as a whole word of the content; prefixes and substrings do not count. */
function matchesSearch(operand: string | string[], message: NarrowableMessage): boolean {
  const words = tokenizeWords(typeof operand === 'string' ? operand : operand.join(' '));
  if (words.length === 0) {
    return false;
  }
  const contentWords = new Set(tokenizeWords(message.content));
  return words.every((word) => contentWords.has(word));
}
