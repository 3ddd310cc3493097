import type { IncomingMessage } from 'node:http';
import { type BeforeApplicationShutdown, Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import type { RawData, WebSocket } from 'ws';
import { type AppSocketTicket, appTicketKey, encodeSlackId } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';
import { REALTIME_REDIS } from '../realtime-redis';
import { RealtimeConfig } from '../realtime.config';
import { AppConnection } from './app-connection';
import { SocketModeHub } from './socket-mode-hub';
import { type DisconnectReason, disconnectFrame, helloFrame, parseAck } from './socket-mode-frames';

const MAX_FRAME_BYTES = 64 * 1024;
/** Server pings: @slack/socket-mode drops a connection that hears none for 30 s. */
const PING_MS = 10_000;
/** Between `warning` and `refresh_requested` at the end of a connection's life, as Slack does. */
const WARNING_LEAD_MS = 10_000;
/** How long a draining replica waits after `disconnect` for clients to leave by themselves. */
const DRAIN_MS = 1_000;

/**
 * Slack Socket Mode (`/link?ticket=…`): redeems the apps.connections.open ticket, counts the
 * connection (at most 10 per app, cluster-wide), says hello, streams `events_api` envelopes and
 * turns acks into XACKs. Connections end with a `disconnect` frame: `warning` then
 * `refresh_requested` at their maximum age, `refresh_requested` when the replica drains,
 * `link_disabled` when the app has too many.
 */
@WebSocketGateway({ path: '/link', maxPayload: MAX_FRAME_BYTES })
export class SocketModeGateway implements OnGatewayConnection, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(SocketModeGateway.name);
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    @Inject(REALTIME_REDIS) private readonly redis: RedisClient,
    private readonly config: RealtimeConfig,
    private readonly hub: SocketModeHub,
  ) {
    this.heartbeat = setInterval(() => this.beat(), PING_MS);
    this.heartbeat.unref();
  }

  async handleConnection(socket: WebSocket, request: IncomingMessage): Promise<void> {
    const ticket = await this.redeem(request);
    if (!ticket) {
      socket.close(4001, 'invalid or expired ticket');
      return;
    }
    const connection = new AppConnection(socket, ticket.appId, ticket.organisationId);
    const count = await this.hub.admit(connection).catch(() => undefined);
    if (count === undefined || count === null) {
      if (count === null) connection.send(disconnectFrame('link_disabled', this.hub.host));
      socket.close(
        count === null ? 4008 : 1011,
        count === null ? 'too many connections for this app' : 'could not start',
      );
      return;
    }
    socket.on('pong', () => (connection.alive = true));
    socket.on('message', (data, isBinary) => this.onFrame(connection, data, isBinary));
    socket.once('close', () => void this.hub.detach(connection));
    try {
      await this.hub.attach(connection);
    } catch (error) {
      this.logger.error({ msg: 'socket mode attach failed', app: connection.appId, err: String(error) });
      socket.close(1011, 'could not start');
      return;
    }
    connection.send(helloFrame(encodeSlackId('app', ticket.appId), count, this.hub.host, ticket.issuedAt));
    this.scheduleEnd(connection);
    this.logger.debug({ msg: 'socket mode connection started', connection: connection.id, app: connection.appId });
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
  }

  /** Draining: every connection is asked to reconnect (to another replica) before the server closes. */
  async beforeApplicationShutdown(): Promise<void> {
    const connections = this.hub.all();
    if (connections.length === 0) return;
    for (const connection of connections) connection.send(disconnectFrame('refresh_requested', this.hub.host));
    await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
    for (const connection of connections) connection.socket.close(1012, 'server restarting');
  }

  private onFrame(connection: AppConnection, data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    const ack = parseAck(String(data));
    if (!ack) return;
    this.hub
      .ack(connection, ack.entryId)
      .catch((error: unknown) =>
        this.logger.warn({ msg: 'socket mode ack failed', app: connection.appId, err: String(error) }),
      );
  }

  private scheduleEnd(connection: AppConnection): void {
    const ageMs = this.config.SOCKET_MODE_MAX_CONNECTION_AGE_SECONDS * 1000;
    const end = (reason: DisconnectReason) => connection.send(disconnectFrame(reason, this.hub.host));
    const warning = setTimeout(() => end('warning'), Math.max(0, ageMs - WARNING_LEAD_MS));
    const refresh = setTimeout(() => {
      end('refresh_requested');
      // A client that ignores the request is closed a little later.
      setTimeout(() => connection.socket.close(1001, 'connection refresh'), 5_000).unref();
    }, ageMs);
    warning.unref();
    refresh.unref();
    connection.socket.once('close', () => {
      clearTimeout(warning);
      clearTimeout(refresh);
    });
  }

  private beat(): void {
    for (const connection of this.hub.all()) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
    void this.hub.refresh();
  }

  private async redeem(request: IncomingMessage): Promise<AppSocketTicket | null> {
    const ticket = new URL(request.url ?? '/', 'http://localhost').searchParams.get('ticket');
    if (!ticket || ticket.length > 100) return null;
    const raw = await this.redis.getdel(appTicketKey(ticket)).catch(() => null);
    return raw ? (JSON.parse(raw) as AppSocketTicket) : null;
  }
}
