import type { EditableMessageFlag, MessageFlagOp } from '../dto/message-flags.dto';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';
import type { MessageViewerFlags } from '../internal/zulip-sync';

/** Flags Zulip computes itself; clients may not set them. */
const NOT_EDITABLE = new Set([
  'mentioned',
  'wildcard_mentioned',
  'stream_wildcard_mentioned',
  'topic_wildcard_mentioned',
  'has_alert_word',
  'historical',
]);

const quoted = (value: string): string => `'${value.slice(0, 40)}'`;

/** A `flag` of `POST /messages/flags`, with Zulip's errors for the ones that cannot be changed. */
export function zulipEditableFlag(flag: string): EditableMessageFlag {
  if (flag === 'read' || flag === 'starred') return flag;
  if (flag === 'collapsed')
    throw new DomainError(
      ErrorCode.BadRequest,
      "Flag not supported: 'collapsed' (messages cannot be collapsed on this server)",
    );
  if (NOT_EDITABLE.has(flag)) throw new DomainError(ErrorCode.BadRequest, `Flag not editable: ${quoted(flag)}`);
  throw new DomainError(ErrorCode.BadRequest, `Invalid flag: ${quoted(flag)}`);
}

export function zulipFlagOp(op: string): MessageFlagOp {
  if (op === 'add' || op === 'remove') return op;
  throw new DomainError(ErrorCode.BadRequest, `Invalid message flag operation: ${quoted(op)}`);
}

/** The viewer's state of a message as Zulip `flags`. */
export function zulipViewerFlags(flags: MessageViewerFlags): string[] {
  const names: string[] = [];
  if (flags.read) names.push('read');
  if (flags.starred) names.push('starred');
  if (flags.mentioned) names.push('mentioned');
  if (flags.historical) names.push('historical');
  return names;
}
