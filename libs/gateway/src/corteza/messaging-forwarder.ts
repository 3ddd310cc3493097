import { Injectable } from '@nestjs/common';
import { type Principal, VIEWER_CAPABILITIES_QUERY } from '@switchboard/contracts';
import { type InternalCall, MessagingClient } from '@switchboard/platform';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends a validated command to messaging-service on behalf of the authenticated user. */
@Injectable()
export class MessagingForwarder {
  constructor(private readonly messaging: MessagingClient) {}

  forward<T>(
    principal: Principal,
    requestId: string,
    method: Method,
    path: string,
    call: Omit<InternalCall, 'actorId' | 'requestId'> = {},
  ): Promise<T> {
    return this.messaging.call<T>(method, path, { ...call, actorId: principal.user.userID, requestId });
  }

  /** As forward, and the answer's channels and messages carry what this user may do with them (messaging-service decides). */
  forwardForViewer<T>(
    principal: Principal,
    requestId: string,
    method: Method,
    path: string,
    call: Omit<InternalCall, 'actorId' | 'requestId'> = {},
  ): Promise<T> {
    return this.forward<T>(principal, requestId, method, path, {
      ...call,
      query: { ...call.query, [VIEWER_CAPABILITIES_QUERY]: '1' },
    });
  }
}
