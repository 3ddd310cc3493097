import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, MAX_MESSAGE_LENGTH, type MessageView, decodeSlackChannelId } from '@switchboard/contracts';
import { MessagingClient } from '@switchboard/platform';
import type { RtmConnection } from '../connections/rtm-connection';
import { type ClientFrame, RtmErrorCode, pongFor } from './rtm-client-frames';

type RtmError = { code: number; msg: string };

const ERROR_FOR: Partial<Record<ErrorCode, RtmError>> = {
  [ErrorCode.ChannelNotFound]: { code: RtmErrorCode.ChannelNotFound, msg: 'channel_not_found' },
  [ErrorCode.NotAMember]: { code: RtmErrorCode.NotAllowed, msg: 'not_in_channel' },
  [ErrorCode.Forbidden]: { code: RtmErrorCode.NotAllowed, msg: 'no_permission' },
  [ErrorCode.ChannelArchived]: { code: RtmErrorCode.NotAllowed, msg: 'is_archived' },
  [ErrorCode.ValidationFailed]: { code: RtmErrorCode.MissingText, msg: 'message text is missing or invalid' },
  [ErrorCode.RateLimited]: { code: RtmErrorCode.RateLimited, msg: 'ratelimited' },
};

/** Answers client frames: `ping`, `message`; anything else gets an error reply. */
@Injectable()
export class RtmFrameHandler {
  constructor(private readonly messaging: MessagingClient) {}

  async handle(connection: RtmConnection, frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case 'ping':
        connection.sendFrame(pongFor(frame));
        return;
      case 'message':
        return this.message(connection, frame);
      default:
        this.fail(connection, frame, { code: RtmErrorCode.UnknownType, msg: `unsupported frame type: ${frame.type.slice(0, 40)}` });
    }
  }

  private async message(connection: RtmConnection, frame: ClientFrame): Promise<void> {
    const channel = decodeSlackChannelId(frame.channel);
    if (!channel) return this.fail(connection, frame, { code: RtmErrorCode.ChannelNotFound, msg: 'channel_not_found' });
    if (typeof frame.text !== 'string' || frame.text.trim() === '') return this.fail(connection, frame, { code: RtmErrorCode.MissingText, msg: 'message text is missing' });
    if (frame.text.length > MAX_MESSAGE_LENGTH) return this.fail(connection, frame, { code: RtmErrorCode.TooLong, msg: 'msg_too_long' });
    try {
      const message = await this.messaging.call<MessageView>('POST', `/channels/${channel.id}/messages`, { actorId: connection.userId, body: { message: frame.text } });
      if (frame.id !== undefined) connection.sendFrame({ ok: true, reply_to: frame.id, ts: message.ts, text: message.message });
    } catch (error) {
      const mapped = error instanceof DomainError ? ERROR_FOR[error.code] : undefined;
      this.fail(connection, frame, mapped ?? { code: RtmErrorCode.ServerError, msg: 'internal_error' });
    }
  }

  /** Failures always carry `error` (an `ok:false` alone would resolve the Node client's promise as a success). */
  private fail(connection: RtmConnection, frame: ClientFrame, error: RtmError): void {
    connection.sendFrame(frame.id !== undefined ? { ok: false, reply_to: frame.id, error } : { type: 'error', error });
  }
}
