import { Injectable } from '@nestjs/common';
import type { Principal } from '@switchboard/contracts';
import { type InternalCall, MessagingClient } from '@switchboard/platform';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends a validated command to messaging-service on behalf of the authenticated user. */
@Injectable()
export class MessagingForwarder {
  constructor(private readonly messaging: MessagingClient) {}

  forward<T>(principal: Principal, requestId: string, method: Method, path: string, call: Omit<InternalCall, 'actorId' | 'requestId'> = {}): Promise<T> {
    return this.messaging.call<T>(method, path, { ...call, actorId: principal.user.userID, requestId });
  }
}
