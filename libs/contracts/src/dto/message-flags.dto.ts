import { ArrayMaxSize, IsArray, IsIn, IsInt, Max, Min } from 'class-validator';
import { OptionalFlagField, OptionalIdField } from './fields';

/** The per-message flags a user can change: `read` moves read markers, `starred` is a bookmark. */
export const EDITABLE_MESSAGE_FLAGS = ['read', 'starred'] as const;
export type EditableMessageFlag = (typeof EDITABLE_MESSAGE_FLAGS)[number];
export const MESSAGE_FLAG_OPS = ['add', 'remove'] as const;
export type MessageFlagOp = (typeof MESSAGE_FLAG_OPS)[number];
/** Messages one flag change may list; every step is set-based, so this bounds one transaction's size. */
export const MAX_FLAGGED_MESSAGES = 5000;

/** Adds or removes a flag on messages named by compact (Zulip) id; ids the caller cannot read are skipped. */
export class MessageFlagsDto {
  @IsArray()
  @ArrayMaxSize(MAX_FLAGGED_MESSAGES)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(Number.MAX_SAFE_INTEGER, { each: true })
  messages!: number[];

  @IsIn(MESSAGE_FLAG_OPS)
  op!: MessageFlagOp;

  @IsIn(EDITABLE_MESSAGE_FLAGS)
  flag!: EditableMessageFlag;
}

/** Marks everything read: every conversation of the caller, or only `channelId` (its threads included). */
export class MarkAllAsReadDto {
  @OptionalIdField()
  channelId?: string;
}

/**
 * A reaction on a message named by compact id, strictly: adding one the caller already made and
 * removing one they did not make are errors. `existingOnly` accepts the name only when someone
 * already reacted with it (joining a reaction with no known emoji, e.g. a custom one).
 */
export class StrictReactionQuery {
  @OptionalFlagField()
  existingOnly?: boolean;
}
