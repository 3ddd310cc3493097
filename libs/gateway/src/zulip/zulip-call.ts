import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@switchboard/contracts';
import type { AuthenticatedRequest } from '../auth/authenticator';
import { zulipParams } from './zulip-params';

/** Who asks, under which request id, and with which Zulip parameters (query and body, see zulipParams). */
export interface ZulipCall {
  readonly principal: Principal;
  readonly requestId: string;
  readonly params: Record<string, unknown>;
}

/** The ZulipCall of a request behind AuthGuard. */
export const CurrentZulipCall = createParamDecorator((_data: unknown, context: ExecutionContext): ZulipCall => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return { principal: request.principal, requestId: request.id, params: zulipParams(request) };
});
