import type { IncomingMessage } from 'node:http';
import {
  type BeforeApplicationShutdown,
  Inject,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { type OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import type { RawData, WebSocket } from 'ws';
import { DomainError, type RtmTicket, rtmTicketKey, InternalRoutes } from '@switchboard/contracts';
import { InternalClient, PresenceStore, type RedisClient } from '@switchboard/platform';
import { EventReplayer } from './event-replayer';
import { EventRouter } from './event-router';
import { ConnectionRegistry } from '../connections/connection-registry';
import { ConnectionClock } from '../connections/connection-clock';
import { RealtimeReplica } from '../connections/realtime-replica';
import { ResumePoints } from '../connections/resume-points';
import { RtmConnection, isLater } from '../connections/rtm-connection';
import { SessionBudget } from '../connections/session-budget';
import { SetupGate } from '../connections/setup-gate';
import { RealtimeConfig } from '../realtime.config';
import { RtmErrorCode, parseClientFrame } from './rtm-client-frames';
import { RtmFrameHandler } from './rtm-frame.handler';
import { REALTIME_REDIS } from '../realtime-redis';

/** Hard ceiling for the ws library; the configurable RTM limit (16 KB) is enforced per frame below it. */
const WS_MAX_PAYLOAD = 1024 * 1024;

/** Frames a socket sent before its session started; answered once it has. */
const early = new WeakMap<WebSocket, RawData[]>();
const sessions = new WeakMap<WebSocket, RtmConnection>();

/** One listener function for every socket (no closure per socket). */
function onPong(this: WebSocket): void {
  const connection = sessions.get(this);
  if (connection) connection.alive = true;
}

/**
 * The RTM socket endpoint (`/websocket?ticket=…`). Redeems the rtm.connect ticket, follows the
 * user's conversations, says hello, replays what the client missed, then streams events and
 * answers client frames. Per socket it keeps only its RtmConnection: listeners are shared
 * functions, and one timer wheel pings every socket and closes it at its maximum age.
 */
@WebSocketGateway({ path: '/websocket', maxPayload: WS_MAX_PAYLOAD, perMessageDeflate: false })
export class RtmGateway implements OnGatewayConnection, OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(RtmGateway.name);
  private readonly clock: ConnectionClock;
  private readonly setups: SetupGate;
  private readonly onMessage: (this: WebSocket, data: RawData, isBinary: boolean) => void;
  private readonly onClose: (this: WebSocket) => void;

  constructor(
    @Inject(REALTIME_REDIS) private readonly redis: RedisClient,
    private readonly config: RealtimeConfig,
    private readonly registry: ConnectionRegistry,
    private readonly messaging: InternalClient,
    private readonly frames: RtmFrameHandler,
    private readonly replayer: EventReplayer,
    private readonly router: EventRouter,
    private readonly presence: PresenceStore,
    private readonly replica: RealtimeReplica,
    private readonly resumePoints: ResumePoints,
    private readonly budget: SessionBudget,
  ) {
    this.setups = new SetupGate(config.RTM_SESSION_SETUPS_IN_FLIGHT);
    // Server-side pings find sockets whose peer vanished without a close (zombies).
    this.clock = new ConnectionClock(config.RTM_MAX_SOCKET_AGE_SECONDS * 1000, {
      dead: (connection) => connection.socket.terminate(),
      ping: (connection) => connection.socket.ping(),
      expired: (connection) => this.goodbye(connection, 1001, 'maximum session age reached'),
    });
    const listeners = RtmGateway.socketListeners(this);
    this.onMessage = listeners.message;
    this.onClose = listeners.close;
  }

  /** Listener functions shared by every socket (`this` is the socket), instead of closures per socket. */
  private static socketListeners(gateway: RtmGateway) {
    return {
      message(this: WebSocket, data: RawData, isBinary: boolean): void {
        const connection = sessions.get(this);
        if (connection) gateway.onFrame(connection, data, isBinary);
        else early.get(this)?.push(data);
      },
      close(this: WebSocket): void {
        early.delete(this);
        const connection = sessions.get(this);
        if (connection) void gateway.closed(connection);
      },
    };
  }

  onModuleInit(): void {
    this.clock.start();
  }

  async handleConnection(socket: WebSocket, request: IncomingMessage): Promise<void> {
    early.set(socket, []);
    socket.on('message', this.onMessage);
    socket.on('pong', onPong);
    socket.on('close', this.onClose);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const ticket = await this.redeem(url);
    if (!ticket) {
      socket.send(JSON.stringify({ type: 'error', error: { code: 1, msg: 'Socket URL has expired' } }));
      socket.close(4001, 'Socket URL has expired');
      return;
    }
    await this.start(socket, ticket, url);
    const pending = early.get(socket) ?? [];
    early.delete(socket);
    const connection = sessions.get(socket);
    if (connection) for (const data of pending) this.onFrame(connection, data, false);
  }

  private async start(socket: WebSocket, ticket: RtmTicket, url: URL): Promise<void> {
    if (socket.readyState !== socket.OPEN) return;
    if (this.registry.countForUser(ticket.userId) >= this.config.RTM_MAX_SOCKETS_PER_USER) {
      socket.send(
        JSON.stringify({
          type: 'error',
          error: {
            code: RtmErrorCode.RateLimited,
            msg: `At most ${this.config.RTM_MAX_SOCKETS_PER_USER} sockets per user`,
          },
        }),
      );
      socket.close(1008, 'too many sockets for this user');
      return;
    }
    const lastSeen = url.searchParams.get('last_event_id');
    const requested = lastSeen !== null && /^[0-9]{1,19}$/.test(lastSeen) ? lastSeen : null;
    const connection = new RtmConnection(
      socket,
      ticket.userId,
      ticket.organisationId,
      { batchPresenceAware: ticket.batchPresenceAware },
      this.replica.id,
      requested ?? ticket.resumeFrom,
    );
    connection.resumeKey = ticket.resumeKey;
    connection.held = []; // live events wait until the replay below has gone out
    const budget = this.budget.take(ticket.sessionBudget).catch(() => undefined);
    const previous = await this.resumePoints.claim(connection);
    // No resume point asked for: a socket of the same credential and client that ended lately says where to go on from.
    const implicit =
      !requested && !ticket.resumeRequested && previous !== null && isLater(connection.lastEventId, previous);
    if (implicit) connection.lastEventId = previous;
    if (socket.readyState !== socket.OPEN) return void this.resumePoints.release(connection);
    await this.setups.enter();
    try {
      await this.setUp(connection, ticket, requested !== null || ticket.resumeRequested, implicit);
    } finally {
      this.setups.leave();
    }
    await budget;
  }

  /** Follows the user's conversations, says hello, replays, goes live; bounded by the setup gate. */
  private async setUp(
    connection: RtmConnection,
    ticket: RtmTicket,
    requested: boolean,
    implicit: boolean,
  ): Promise<void> {
    const socket = connection.socket;
    if (socket.readyState !== socket.OPEN) return void this.resumePoints.release(connection);
    sessions.set(socket, connection);
    try {
      const conversations = await this.messaging.call({ actorId: ticket.userId }, InternalRoutes.myConversations);
      await this.registry.add(
        connection,
        conversations.map((ref) => ref.channelId),
      );
    } catch (error) {
      sessions.delete(socket);
      await this.registry.remove(connection);
      const msg = error instanceof DomainError && error.status < 500 ? error.message : 'Server error, try again';
      socket.send(JSON.stringify({ type: 'error', error: { code: RtmErrorCode.ServerError, msg } }));
      socket.close(1011, 'could not start session');
      return;
    }
    this.clock.add(connection);
    connection.sendFrame({ type: 'hello' });
    await this.resume(connection, connection.lastEventId, requested, implicit);
    await this.presence.online(connection.organisationId, connection.userId, connection.id).catch(() => undefined);
    this.logger.debug({
      msg: 'rtm session started',
      connection: connection.id,
      user: connection.userId,
      resumedImplicitly: implicit,
    });
  }

  /**
   * Replays what happened after the resume point: since rtm.connect by default (Slack's promise),
   * since the client's `resume_from` / `last_event_id`, or since where the same credential and
   * client's previous socket stopped; then lets live events through.
   */
  private async resume(connection: RtmConnection, from: string, requested: boolean, implicit: boolean): Promise<void> {
    const result = await this.replayer.replay(connection, from).catch(() => ({ complete: false, replayed: 0 }));
    if (requested) {
      connection.sendFrame(
        result.complete
          ? { type: 'resumed', from, replayed: result.replayed }
          : { type: 'resume_failed', from, reason: 'events_no_longer_available' },
      );
    } else if (implicit && !result.complete) {
      this.logger.warn({ msg: 'implicit resume failed: events no longer available', connection: connection.id, from });
    }
    await this.router.release(connection);
  }

  private async closed(connection: RtmConnection): Promise<void> {
    sessions.delete(connection.socket);
    this.clock.remove(connection);
    await Promise.all([
      this.resumePoints.release(connection),
      this.registry.remove(connection),
      this.presence.offline(connection.organisationId, connection.userId, connection.id).catch(() => undefined),
    ]);
  }

  onModuleDestroy(): void {
    this.clock.stop();
  }

  /** Graceful shutdown: every client is told to reconnect (elsewhere) before Nest closes the server. */
  beforeApplicationShutdown(): void {
    for (const connection of this.registry.all()) this.goodbye(connection, 1012, 'server restarting');
  }

  private onFrame(connection: RtmConnection, data: RawData, isBinary: boolean): void {
    const size = Array.isArray(data)
      ? data.reduce((sum, part) => sum + part.length, 0)
      : (data as Buffer | ArrayBuffer).byteLength;
    if (size > this.config.RTM_MAX_FRAME_BYTES) {
      connection.socket.close(1009, `frame larger than ${this.config.RTM_MAX_FRAME_BYTES} bytes`);
      return;
    }
    if (isBinary) {
      connection.sendFrame({
        type: 'error',
        error: { code: RtmErrorCode.InvalidFrame, msg: 'Binary frames are not supported' },
      });
      return;
    }
    const frame = parseClientFrame(String(data));
    if ('error' in frame) {
      const error = { code: RtmErrorCode.InvalidFrame, msg: frame.error };
      connection.sendFrame(
        frame.id !== undefined ? { ok: false, reply_to: frame.id, error } : { type: 'error', error },
      );
      return;
    }
    this.frames
      .handle(connection, frame)
      .catch((error: unknown) => this.logger.error({ msg: 'frame handling failed', err: String(error) }));
  }

  private goodbye(connection: RtmConnection, code: number, reason: string): void {
    connection.sendFrame({ type: 'goodbye' });
    connection.socket.close(code, reason);
  }

  private async redeem(url: URL): Promise<RtmTicket | null> {
    const ticket = url.searchParams.get('ticket');
    if (!ticket || ticket.length > 100) return null;
    const raw = await this.redis.getdel(rtmTicketKey(ticket)).catch(() => null);
    return raw ? (JSON.parse(raw) as RtmTicket) : null;
  }
}
