import { Injectable } from '@nestjs/common';
import type { AnyInternalRoute, Principal, RouteArgs, RouteInput, RouteResponse } from '@switchboard/contracts';
import { InternalClient } from '@switchboard/platform';
import type { Caller } from './caller';

/** What a call for a Caller adds to the path params of its request: the body or the query the route declares. */
type RestInput<Route> = Omit<RouteInput<Route>, 'params'>;
type RestArgs<Route> =
  Record<never, never> extends RestInput<Route> ? [input?: RestInput<Route>] : [input: RestInput<Route>];

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
    return this.messaging.call({ actorId: principal.user.userId, requestId }, route, ...input);
  }

  /** As forward, and the answer's channels and messages carry what this user may do with them (messaging-service decides). */
  forwardForViewer<Route extends AnyInternalRoute>(
    principal: Principal,
    requestId: string,
    route: Route,
    ...input: RouteArgs<Route>
  ): Promise<RouteResponse<Route>> {
    return this.messaging.call(
      { actorId: principal.user.userId, requestId, viewerCapabilities: true },
      route,
      ...input,
    );
  }

  /** Forwards the caller's request to `route`, whose path params are the request's own (by name). */
  call<Route extends AnyInternalRoute>(
    caller: Caller,
    route: Route,
    ...input: RestArgs<Route>
  ): Promise<RouteResponse<Route>> {
    return this.forward(caller.principal, caller.requestId, route, ...withParams(caller, route, input[0]));
  }

  /** As call, with what the user may do on the answer's channels and messages (see forwardForViewer). */
  callForViewer<Route extends AnyInternalRoute>(
    caller: Caller,
    route: Route,
    ...input: RestArgs<Route>
  ): Promise<RouteResponse<Route>> {
    return this.forwardForViewer(caller.principal, caller.requestId, route, ...withParams(caller, route, input[0]));
  }
}

/** The route's input: its path params picked from the caller's by name, and the rest as given. */
function withParams<Route extends AnyInternalRoute>(caller: Caller, route: Route, rest: object = {}): RouteArgs<Route> {
  if (route.params.length === 0) return [rest] as RouteArgs<Route>;
  const params = Object.fromEntries(route.params.map((name) => [name, caller.params[name]]));
  return [{ ...rest, params }] as RouteArgs<Route>;
}

/** Base of the controllers and Slack method families whose only dependency is the MessagingForwarder. */
@Injectable()
export abstract class ForwardsToMessaging {
  constructor(protected readonly messaging: MessagingForwarder) {}
}
