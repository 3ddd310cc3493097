import type { IncomingMessage } from 'node:http';
import { type BeforeApplicationShutdown, Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import type { RawData, WebSocket } from 'ws';
import { type ConversationRef, DomainError, type RtmTicket, rtmTicketKey } from '@switchboard/contracts';
import { MessagingClient, PresenceStore, type RedisClient } from '@switchboard/platform';
import { EventReplayer } from '../events/event-replayer';
import { EventRouter } from '../events/event-router';
import { ConnectionRegistry } from '../connections/connection-registry';
import { RtmConnection } from '../connections/rtm-connection';
import { RealtimeConfig } from '../realtime.config';
import { RtmErrorCode, parseClientFrame } from './rtm-client-frames';
import { RtmFrameHandler } from './rtm-frame.handler';
import { REALTIME_REDIS } from './realtime-redis';

/** Hard ceiling for the ws library; the configurable RTM limit (16 KB) is enforced per frame below it. */
const WS_MAX_PAYLOAD = 1024 * 1024;
const HEARTBEAT_MS = 30_000;

/**
 * The RTM socket endpoint (`/websocket?ticket=…`). Redeems the rtm.connect ticket, follows the
 * user's conversations, says hello, then streams events and answers client frames.
 */
@WebSocketGateway({ path: '/websocket', maxPayload: WS_MAX_PAYLOAD })
export class RtmGateway implements OnGatewayConnection, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(RtmGateway.name);
  private readonly heartbeat: NodeJS.Timeout;
  private readonly alive = new WeakSet<WebSocket>();

  constructor(
    @Inject(REALTIME_REDIS) private readonly redis: RedisClient,
    private readonly config: RealtimeConfig,
    private readonly registry: ConnectionRegistry,
    private readonly messaging: MessagingClient,
    private readonly frames: RtmFrameHandler,
    private readonly replayer: EventReplayer,
    private readonly router: EventRouter,
    private readonly presence: PresenceStore,
  ) {
    // Server-side pings find sockets whose peer vanished without a close (zombies).
    this.heartbeat = setInterval(() => this.sweep(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async handleConnection(socket: WebSocket, request: IncomingMessage): Promise<void> {
    const pending: RawData[] = [];
    socket.on('message', (data) => pending.push(data));
    socket.on('pong', () => this.alive.add(socket));
    this.alive.add(socket);
    const ticket = await this.redeem(request);
    if (!ticket) {
      socket.send(JSON.stringify({ type: 'error', error: { code: 1, msg: 'Socket URL has expired' } }));
      socket.close(4001, 'Socket URL has expired');
      return;
    }
    if (this.registry.countForUser(ticket.userId) >= this.config.RTM_MAX_SOCKETS_PER_USER) {
      socket.send(JSON.stringify({ type: 'error', error: { code: RtmErrorCode.RateLimited, msg: `At most ${this.config.RTM_MAX_SOCKETS_PER_USER} sockets per user` } }));
      socket.close(1008, 'too many sockets for this user');
      return;
    }
    const connection = new RtmConnection(socket, ticket.userId, ticket.organisationId, { batchPresenceAware: ticket.batchPresenceAware });
    connection.held = []; // live events wait until the replay below has gone out
    socket.once('close', () => void this.closed(connection));
    try {
      const conversations = await this.messaging.call<ConversationRef[]>('GET', '/me/conversations', { actorId: ticket.userId });
      await this.registry.add(connection, conversations.map((ref) => ref.channelID));
    } catch (error) {
      await this.registry.remove(connection);
      const msg = error instanceof DomainError && error.status < 500 ? error.message : 'Server error, try again';
      socket.send(JSON.stringify({ type: 'error', error: { code: RtmErrorCode.ServerError, msg } }));
      socket.close(1011, 'could not start session');
      return;
    }
    socket.removeAllListeners('message');
    socket.on('message', (data, isBinary) => this.onFrame(connection, data, isBinary));
    const maxAge = setTimeout(() => this.goodbye(connection, 1001, 'maximum session age reached'), this.config.RTM_MAX_SOCKET_AGE_SECONDS * 1000);
    maxAge.unref();
    socket.on('close', () => clearTimeout(maxAge));
    connection.sendFrame({ type: 'hello' });
    await this.resume(connection, ticket, request);
    await this.presence.online(connection.organisationId, connection.userId, connection.id).catch(() => undefined);
    this.logger.debug({ msg: 'rtm session started', connection: connection.id, user: connection.userId });
    for (const data of pending) this.onFrame(connection, data, false);
  }

  /**
   * Replays what happened after the resume point: since rtm.connect by default (Slack's promise),
   * or since the client's `resume_from` / `last_event_id`, then lets live events through.
   */
  private async resume(connection: RtmConnection, ticket: RtmTicket, request: IncomingMessage): Promise<void> {
    const lastSeen = new URL(request.url ?? '/', 'http://localhost').searchParams.get('last_event_id');
    const requested = lastSeen !== null && /^[0-9]{1,19}$/.test(lastSeen);
    const from = requested ? lastSeen : ticket.resumeFrom;
    const result = await this.replayer.replay(connection, from).catch(() => ({ complete: false, replayed: 0 }));
    if (requested || ticket.resumeRequested) {
      connection.sendFrame(result.complete ? { type: 'resumed', from, replayed: result.replayed } : { type: 'resume_failed', from, reason: 'events_no_longer_available' });
    }
    await this.router.release(connection);
  }

  private async closed(connection: RtmConnection): Promise<void> {
    await this.registry.remove(connection);
    await this.presence.offline(connection.organisationId, connection.userId, connection.id).catch(() => undefined);
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
  }

  /** Graceful shutdown: every client is told to reconnect (elsewhere) before Nest closes the server. */
  beforeApplicationShutdown(): void {
    for (const connection of this.registry.all()) this.goodbye(connection, 1012, 'server restarting');
  }

  private onFrame(connection: RtmConnection, data: RawData, isBinary: boolean): void {
    const size = Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
    if (size > this.config.RTM_MAX_FRAME_BYTES) {
      connection.socket.close(1009, `frame larger than ${this.config.RTM_MAX_FRAME_BYTES} bytes`);
      return;
    }
    if (isBinary) {
      connection.sendFrame({ type: 'error', error: { code: RtmErrorCode.InvalidFrame, msg: 'Binary frames are not supported' } });
      return;
    }
    const frame = parseClientFrame(String(data));
    if ('error' in frame) {
      const error = { code: RtmErrorCode.InvalidFrame, msg: frame.error };
      connection.sendFrame(frame.id !== undefined ? { ok: false, reply_to: frame.id, error } : { type: 'error', error });
      return;
    }
    this.frames.handle(connection, frame).catch((error: unknown) => this.logger.error({ msg: 'frame handling failed', err: String(error) }));
  }

  private goodbye(connection: RtmConnection, code: number, reason: string): void {
    connection.sendFrame({ type: 'goodbye' });
    connection.socket.close(code, reason);
  }

  private async redeem(request: IncomingMessage): Promise<RtmTicket | null> {
    const ticket = new URL(request.url ?? '/', 'http://localhost').searchParams.get('ticket');
    if (!ticket || ticket.length > 100) return null;
    const raw = await this.redis.getdel(rtmTicketKey(ticket)).catch(() => null);
    return raw ? (JSON.parse(raw) as RtmTicket) : null;
  }

  private sweep(): void {
    for (const connection of this.registry.all()) {
      const socket = connection.socket;
      if (!this.alive.has(socket)) {
        socket.terminate();
        continue;
      }
      this.alive.delete(socket);
      socket.ping();
    }
  }
}
