import { Injectable } from '@nestjs/common';
import type { AnyInternalRoute, Principal, RouteArgs, RouteResponse } from '@switchboard/contracts';
import { InternalClient } from '@switchboard/platform';

/** Sends a validated command to messaging-service on behalf of the authenticated user. */
@Injectable()
export class MessagingForwarder {
  constructor(private readonly messaging: InternalClient) {}

  forward<Route extends AnyInternalRoute>(
    principal: Principal,
    requestId: string,
    route: Route,
    ...input: RouteArgs<Route>
  ): Promise<RouteResponse<Route>> {
    return this.messaging.call({ actorId: principal.user.userID, requestId }, route, ...input);
  }

  /** As forward, and the answer's channels and messages carry what this user may do with them (messaging-service decides). */
  forwardForViewer<Route extends AnyInternalRoute>(
    principal: Principal,
    requestId: string,
    route: Route,
    ...input: RouteArgs<Route>
  ): Promise<RouteResponse<Route>> {
    return this.messaging.call(
      { actorId: principal.user.userID, requestId, viewerCapabilities: true },
      route,
      ...input,
    );
  }
}
