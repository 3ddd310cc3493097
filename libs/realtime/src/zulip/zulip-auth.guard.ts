import { type CanActivate, type ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, ErrorCode, type Principal } from '@switchboard/contracts';
import { PrincipalResolver } from '@switchboard/platform';

type ZulipRequest = Request & { principal?: Principal; id?: string };

/** HTTP Basic `email:api_key` (Zulip clients); a bearer token is accepted too. messaging-service decides (briefly cached). */
@Injectable()
export class ZulipAuthGuard implements CanActivate {
  constructor(private readonly principals: PrincipalResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<ZulipRequest>();
    req.principal = await zulipPrincipal(this.principals, req.headers.authorization, req.id);
    return true;
  }
}

/** The caller an `Authorization` header names, or the Zulip refusal (the guard's check, shared with the raw events route). */
export function zulipPrincipal(
  principals: PrincipalResolver,
  authorization: string | undefined,
  requestId: string | undefined,
): Promise<Principal> {
  const header = (authorization ?? '').trim();
  if (!header) throw new DomainError(ErrorCode.NotAuthenticated, 'Missing authorization header for basic auth');
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const value = space < 0 ? '' : header.slice(space + 1).trim();
  if (scheme === 'bearer' && value) return principals.byToken(value, requestId);
  if (scheme !== 'basic')
    throw new DomainError(ErrorCode.NotAuthenticated, 'This endpoint requires HTTP basic authentication.');
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new DomainError(ErrorCode.NotAuthenticated, 'Invalid authorization header for basic auth');
  return principals.byBasic(decoded.slice(0, colon), decoded.slice(colon + 1), requestId);
}

export const ZulipPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<ZulipRequest>().principal!,
);
