import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { PathParamNames } from '@switchboard/contracts';
import { checkPathId } from './id-param.pipe';

/** A path param named `…Id` or `…ID` names a row. */
const ID_PARAM = /I[dD]$/;

/** The path params of a route declared with a `path` string (an InternalRoutes entry), by name. */
export type PathIdsOf<Route extends { path: string }> = Record<PathParamNames<Route['path']>, string>;

/**
 * Every path param of the request as one object, each `…Id` / `…ID` param checked as IdParamPipe
 * checks one (a 400 in the surface's dialect; the first bad id, in path order, is the one named).
 * Other params (`:ts`, `:reaction`) come through as they are, for the handler to check.
 */
export const PathIds = createParamDecorator((_data: unknown, context: ExecutionContext): Record<string, string> =>
  checkedPathParams(context),
);

/** The request's path params by name, each `…Id` / `…ID` one checked by checkPathId. */
export function checkedPathParams(context: ExecutionContext): Record<string, string> {
  const params = context.switchToHttp().getRequest<{ params: Record<string, string> }>().params;
  for (const [name, value] of Object.entries(params)) if (ID_PARAM.test(name)) checkPathId(value);
  return { ...params };
}
