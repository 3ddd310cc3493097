/**
 * A typed declaration of one internal endpoint of messaging-service: its method, its path under
 * INTERNAL_PREFIX, the names of its path parameters (read from the path by the type system) and,
 * as types only, what it takes (body or query) and what it answers. The edges call it through the
 * internal client and messaging serves it with `@InternalRoute(...)`, both from the same constant,
 * so a renamed path or a changed type breaks the build instead of answering 404 at run time.
 */
export type InternalMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `'/channels/:channelId/messages/:messageId'` → `'channelId' | 'messageId'`. */
export type PathParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

/** A query value as it crosses HTTP: the declared type, or its text. */
type QueryInput<Query> = { [Key in keyof Query]?: Query[Key] | string };

export interface InternalRouteDef<
  Method extends InternalMethod = InternalMethod,
  Path extends string = string,
  Body = unknown,
  Query = unknown,
  Response = unknown,
> {
  readonly method: Method;
  readonly path: Path;
  readonly params: readonly PathParamNames<Path>[];
  /** Phantom fields: types only, never set. */
  readonly _body?: Body;
  readonly _query?: Query;
  readonly _response?: Response;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyInternalRoute = InternalRouteDef<InternalMethod, string, any, any, any>;

/** What a call of the route passes: path params by name, then the body or the query it declares. */
export type RouteInput<Route> =
  Route extends InternalRouteDef<InternalMethod, infer Path, infer Body, infer Query, unknown>
    ? ([PathParamNames<Path>] extends [never] ? unknown : { params: Record<PathParamNames<Path>, string | number> }) &
        ([Body] extends [void] ? unknown : { body: Body }) &
        ([Query] extends [void] ? unknown : { query?: QueryInput<Query> })
    : never;

export type RouteResponse<Route> =
  Route extends InternalRouteDef<InternalMethod, string, unknown, unknown, infer R> ? R : never;

/** Arguments after the route: the input, optional when the route needs neither params nor body. */
export type RouteArgs<Route> =
  Record<never, never> extends RouteInput<Route> ? [input?: RouteInput<Route>] : [input: RouteInput<Route>];

class RouteBuilder<Method extends InternalMethod, Path extends string, Body, Query> {
  constructor(
    private readonly method: Method,
    private readonly path: Path,
  ) {}

  /** The JSON (or, for `Buffer`, octet-stream) body the route reads. */
  takes<B>(): RouteBuilder<Method, Path, B, Query> {
    return new RouteBuilder(this.method, this.path);
  }

  /** The query the route reads. */
  reads<Q>(): RouteBuilder<Method, Path, Body, Q> {
    return new RouteBuilder(this.method, this.path);
  }

  answers<Response>(): InternalRouteDef<Method, Path, Body, Query, Response> {
    const params = [...this.path.matchAll(/:(\w+)/g)].map((match) => match[1]) as PathParamNames<Path>[];
    return Object.freeze({ method: this.method, path: this.path, params });
  }
}

/** `route('POST', '/channels/:channelId/messages').takes<PostMessageDto>().answers<MessageView>()` */
export function route<Method extends InternalMethod, Path extends `/${string}`>(
  method: Method,
  path: Path,
): RouteBuilder<Method, Path, void, void> {
  return new RouteBuilder(method, path);
}

/** The path with its params filled in, each one URI-encoded. */
export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path param ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}
