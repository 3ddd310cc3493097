import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@switchboard/contracts';
import { checkedPathParams } from '@switchboard/platform';
import type { AuthenticatedRequest } from '../auth/authenticator';

/** Who asks, under which request id, and the ids the request's path names: what a forwarded call carries. */
export interface Caller {
  readonly principal: Principal;
  readonly requestId: string;
  /** Path params under the internal routes' spelling: Corteza's `:channelID` is `channelId`. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The authenticated caller of a request (behind AuthGuard) with its path params, each `…ID` one
 * checked as IdParamPipe checks one (a 400 in the surface's dialect).
 */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const params = Object.entries(checkedPathParams(context)).map(([name, value]) => [
      name.replace(/ID$/, 'Id'),
      value,
    ]);
    return { principal: request.principal, requestId: request.id, params: Object.fromEntries(params) };
  },
  [(target, key) => handlersTakingCaller.push({ controller: target.constructor.name, handler: String(key) })],
);

const handlersTakingCaller: { controller: string; handler: string }[] = [];

/** The handlers that take a CurrentCaller: their path params have no @Param of their own (see openapi.ts). */
export function handlersWithCaller(): readonly { controller: string; handler: string }[] {
  return handlersTakingCaller;
}
