import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { Server, WebSocket } from 'ws';

/**
 * Nest's `ws` adapter without its per-socket costs for gateways that read their sockets
 * themselves: no RxJS message and close pipelines for a gateway with no `@SubscribeMessage`
 * handlers (the RTM gateway has none), and one error listener shared by every socket instead of a
 * closure each. At tens of thousands of idle sockets those were several KiB a socket.
 */
export class RealtimeWsAdapter extends WsAdapter {
  override bindMessageHandlers(
    client: WebSocket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    if (handlers.length === 0) return;
    super.bindMessageHandlers(client, handlers, transform);
  }

  override bindErrorHandler(server: Server): Server {
    const logError = (error: Error) => this.logger.error(error);
    server.on('connection', (socket: WebSocket) => socket.on('error', logError));
    server.on('error', logError);
    return server;
  }
}
