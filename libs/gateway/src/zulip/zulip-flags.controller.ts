import { HttpCode, Post } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  MAX_FLAGGED_MESSAGES,
  type Principal,
  zulipEditableFlag,
  zulipFlagOp,
  InternalRoutes,
} from '@switchboard/contracts';
import { CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CurrentZulipCall, type ZulipCall } from './zulip-call';
import { ZulipController } from './zulip-controller.decorator';
import { ZulipForwarding } from './zulip-forwarding';
import { invalid, jsonParam, requiredText, success, zulipIdParam } from './zulip-params';

/**
 * Zulip's per-message flags and "mark as read" endpoints. `read` is kept as read markers (per
 * channel for top-level messages, per thread for replies), which docs/api/zulip.md explains.
 */
@ZulipController('api/v1')
export class ZulipFlagsController extends ZulipForwarding {
  @Post('messages/flags')
  @HttpCode(200)
  async flags(@CurrentZulipCall() { principal, requestId, params }: ZulipCall) {
    const messages = messageIds(jsonParam(params, 'messages'));
    const op = zulipFlagOp(requiredText(params, 'op'));
    const flag = zulipEditableFlag(requiredText(params, 'flag'));
    const result = await this.messaging.forward(principal, requestId, InternalRoutes.updateMessageFlags, {
      body: { messages, op, flag },
    });
    return success({ messages: result.messages });
  }

  @Post('mark_all_as_read')
  @HttpCode(200)
  async markAll(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string) {
    await this.messaging.forward(principal, requestId, InternalRoutes.markAllAsRead, { body: {} });
    return success({ complete: true });
  }

  @Post('mark_stream_as_read')
  @HttpCode(200)
  async markStream(@CurrentZulipCall() { principal, requestId, params }: ZulipCall) {
    const channel = await this.directory.channel(
      principal,
      requestId,
      zulipIdParam(requiredText(params, 'stream_id'), 'channel'),
    );
    await this.messaging.forward(principal, requestId, InternalRoutes.markAllAsRead, {
      body: { channelId: channel.channelId },
    });
    return success();
  }

  /** Read state is per channel (and thread), not per topic: one topic cannot be marked read without the others. */
  @Post('mark_topic_as_read')
  @HttpCode(200)
  markTopic(): never {
    throw new DomainError(
      ErrorCode.BadRequest,
      'mark_topic_as_read is not supported: read state is kept per channel, not per topic. Use mark_stream_as_read.',
    );
  }
}

/** `messages`: a JSON list of compact message ids. */
function messageIds(value: unknown): number[] {
  if (value === undefined)
    throw new DomainError(ErrorCode.ValidationFailed, "Missing 'messages' argument", [
      { field: 'messages', message: 'missing' },
    ]);
  if (!Array.isArray(value) || !value.every((id) => Number.isSafeInteger(id) && (id as number) > 0))
    throw invalid('messages', 'must be a JSON list of message ids');
  if (value.length > MAX_FLAGGED_MESSAGES)
    throw invalid('messages', `must list at most ${MAX_FLAGGED_MESSAGES} messages`);
  return value as number[];
}
