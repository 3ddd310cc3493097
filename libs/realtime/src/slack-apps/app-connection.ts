import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';

/** A socket whose unsent data grows past this is a slow consumer and is dropped. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** One Socket Mode connection of an app on this replica. */
export class AppConnection {
  readonly id = randomUUID();
  readonly openedAt = Date.now();
  alive = true;

  constructor(
    readonly socket: WebSocket,
    readonly appId: string,
    readonly organisationId: string,
  ) {}

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(frame: string): boolean {
    if (!this.open) return false;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.close(1008, 'slow consumer');
      return false;
    }
    this.socket.send(frame);
    return true;
  }
}
