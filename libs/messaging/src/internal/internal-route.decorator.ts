import { RequestMapping, RequestMethod } from '@nestjs/common';
import type { AnyInternalRoute, InternalRoutes, RouteResponse } from '@switchboard/contracts';
import type { PathIdsOf } from '@switchboard/platform';

/** Where `@InternalRoute` leaves the route it applied, on the handler (read by the contract test). */
export const INTERNAL_ROUTE_METADATA = 'switchboard:internal-route';

/** Byte routes write their answer to the response themselves; the rest return what the route answers. */
type HandlerResult<Route> =
  RouteResponse<Route> extends Buffer ? unknown : RouteResponse<Route> | Promise<RouteResponse<Route>>;

/**
 * Serves one InternalRoutes declaration: applies its method and path (under the controller's
 * INTERNAL_PREFIX), and a handler whose return type is not what the route answers does not compile.
 */
export function InternalRoute<Route extends AnyInternalRoute>(route: Route) {
  const mapping = RequestMapping({ method: RequestMethod[route.method], path: route.path });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return <Handler extends (...args: any[]) => HandlerResult<Route>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Handler>,
  ): void => {
    mapping(target, key, descriptor);
    Reflect.defineMetadata(INTERNAL_ROUTE_METADATA, route, descriptor.value as object);
  };
}

/** What `@PathIds()` hands a handler of `InternalRoutes[Name]`: its path params by name. */
export type IdsOf<Name extends keyof typeof InternalRoutes> = PathIdsOf<(typeof InternalRoutes)[Name]>;
