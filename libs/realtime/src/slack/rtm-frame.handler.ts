import { Injectable } from '@nestjs/common';
import {
  type ChannelType,
  DomainError,
  ErrorCode,
  MAX_MESSAGE_LENGTH,
  type TransientEvent,
  decodeSlackChannelId,
  decodeSlackUserId,
  slackUserId,
  InternalRoutes,
} from '@switchboard/contracts';
import { InternalClient, PresenceStore, TransientLog } from '@switchboard/platform';
import { ConnectionRegistry } from '../connections/connection-registry';
import type { RtmConnection } from '../connections/rtm-connection';
import { type ClientFrame, RtmErrorCode, pongFor } from './rtm-client-frames';

type RtmError = { code: number; msg: string };

const ERROR_FOR: Partial<Record<ErrorCode, RtmError>> = {
  [ErrorCode.ChannelNotFound]: { code: RtmErrorCode.ChannelNotFound, msg: 'channel_not_found' },
  [ErrorCode.MessageNotFound]: { code: RtmErrorCode.ChannelNotFound, msg: 'thread_not_found' },
  [ErrorCode.NotAMember]: { code: RtmErrorCode.NotAllowed, msg: 'not_in_channel' },
  [ErrorCode.Forbidden]: { code: RtmErrorCode.NotAllowed, msg: 'no_permission' },
  [ErrorCode.ChannelArchived]: { code: RtmErrorCode.NotAllowed, msg: 'is_archived' },
  [ErrorCode.ValidationFailed]: { code: RtmErrorCode.MissingText, msg: 'message text is missing or invalid' },
  [ErrorCode.RateLimited]: { code: RtmErrorCode.RateLimited, msg: 'ratelimited' },
};

const MAX_PRESENCE_IDS = 500;

/** Answers client frames: `ping`, `message`, `typing`, `presence_sub`, `presence_query`. */
@Injectable()
export class RtmFrameHandler {
  constructor(
    private readonly messaging: InternalClient,
    private readonly registry: ConnectionRegistry,
    private readonly presence: PresenceStore,
    private readonly transients: TransientLog,
  ) {}

  async handle(connection: RtmConnection, frame: ClientFrame): Promise<void> {
    if (frame.type !== 'ping') {
      const budget = connection.mayWrite(frame.type);
      if (budget === 'close') return void connection.socket.close(1008, 'rate limit exceeded');
      if (budget === 'refused')
        return this.fail(connection, frame, { code: RtmErrorCode.RateLimited, msg: 'ratelimited' });
    }
    switch (frame.type) {
      case 'ping':
        connection.sendFrame(pongFor(frame));
        return;
      case 'message':
        return this.message(connection, frame);
      case 'typing':
        return this.typing(connection, frame);
      case 'presence_sub':
        return this.presenceSub(connection, frame);
      case 'presence_query':
        return this.presenceQuery(connection, frame);
      default:
        this.fail(connection, frame, {
          code: RtmErrorCode.UnknownType,
          msg: `unsupported frame type: ${frame.type.slice(0, 40)}`,
        });
    }
  }

  private async message(connection: RtmConnection, frame: ClientFrame): Promise<void> {
    const channel = decodeSlackChannelId(frame.channel);
    if (!channel) return this.fail(connection, frame, { code: RtmErrorCode.ChannelNotFound, msg: 'channel_not_found' });
    if (typeof frame.text !== 'string' || frame.text.trim() === '')
      return this.fail(connection, frame, { code: RtmErrorCode.MissingText, msg: 'message text is missing' });
    if (frame.text.length > MAX_MESSAGE_LENGTH)
      return this.fail(connection, frame, { code: RtmErrorCode.TooLong, msg: 'msg_too_long' });
    try {
      const parent =
        typeof frame.thread_ts === 'string'
          ? await this.messaging.call({ actorId: connection.userId }, InternalRoutes.messageByTs, {
              params: { channelId: channel.id, ts: frame.thread_ts },
            })
          : null;
      const caller = { actorId: connection.userId };
      const body = { message: frame.text };
      const message = parent
        ? await this.messaging.call(caller, InternalRoutes.postReply, {
            params: { channelId: channel.id, messageId: parent.messageId },
            body,
          })
        : await this.messaging.call(caller, InternalRoutes.postMessage, { params: { channelId: channel.id }, body });
      if (frame.id !== undefined)
        connection.sendFrame({ ok: true, reply_to: frame.id, ts: message.ts, text: message.message });
    } catch (error) {
      const mapped =
        error instanceof DomainError
          ? (ERROR_FOR[error.code] ??
            (error.code === ErrorCode.BadRequest ? { code: RtmErrorCode.InvalidFrame, msg: error.message } : undefined))
          : undefined;
      this.fail(connection, frame, mapped ?? { code: RtmErrorCode.ServerError, msg: 'internal_error' });
    }
  }

  /** `user_typing` to the channel's other members on every replica; never stored, at most every 3 s. */
  private async typing(connection: RtmConnection, frame: ClientFrame): Promise<void> {
    const channel = decodeSlackChannelId(frame.channel);
    if (!channel || !connection.isMemberOf(channel.id))
      return this.fail(connection, frame, { code: RtmErrorCode.ChannelNotFound, msg: 'channel_not_found' });
    if (!connection.mayAnnounceTyping(channel.id)) return;
    const types: Record<string, ChannelType> = { public: 'public', private: 'private', group: 'group' };
    const event: TransientEvent = {
      transient: 'typing',
      organisationId: connection.organisationId,
      channelId: channel.id,
      channelType: types[channel.kind],
      userId: connection.userId,
      op: 'start',
      topic: null,
    };
    await this.transients.publish(event, [{ kind: 'conv', id: channel.id }]);
  }

  /** Replaces the subscription list; current presence goes out for the newly added users only. */
  private async presenceSub(connection: RtmConnection, frame: ClientFrame): Promise<void> {
    const ids = this.userIds(connection, frame);
    if (!ids) return;
    const added = await this.registry.subscribePresence(connection, ids);
    await this.sendPresence(connection, added);
  }

  private async presenceQuery(connection: RtmConnection, frame: ClientFrame): Promise<void> {
    const ids = this.userIds(connection, frame);
    if (ids) await this.sendPresence(connection, ids);
  }

  private userIds(connection: RtmConnection, frame: ClientFrame): string[] | null {
    if (!Array.isArray(frame.ids) || frame.ids.length > MAX_PRESENCE_IDS) {
      this.fail(connection, frame, {
        code: RtmErrorCode.InvalidFrame,
        msg: `ids must be a list of at most ${MAX_PRESENCE_IDS} user ids`,
      });
      return null;
    }
    // Unknown ids are skipped, as Slack does; a foreign organisation's users never have presence here.
    return [...new Set(frame.ids.map((id) => decodeSlackUserId(id)).filter((id): id is string => id !== null))];
  }

  private async sendPresence(connection: RtmConnection, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    const statuses = await this.presence.status(userIds);
    if (connection.options.batchPresenceAware) {
      for (const presence of ['active', 'away'] as const) {
        const users = userIds.filter((id) => statuses.get(id)?.presence === presence).map(slackUserId);
        if (users.length) connection.sendFrame({ type: 'presence_change', users, presence });
      }
      return;
    }
    for (const id of userIds)
      connection.sendFrame({
        type: 'presence_change',
        user: slackUserId(id),
        presence: statuses.get(id)?.presence ?? 'away',
      });
  }

  /** Failures always carry `error` (an `ok:false` alone would resolve the Node client's promise as a success). */
  private fail(connection: RtmConnection, frame: ClientFrame, error: RtmError): void {
    connection.sendFrame(frame.id !== undefined ? { ok: false, reply_to: frame.id, error } : { type: 'error', error });
  }
}
