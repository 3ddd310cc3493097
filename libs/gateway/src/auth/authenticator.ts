import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, ErrorCode, type Principal } from '@switchboard/contracts';
import { PrincipalResolver } from '@switchboard/platform';
import { extractCredentials } from './credentials';

export type AuthenticatedRequest = Request & { principal: Principal; id: string };

/** Resolves a request's credentials to a principal through messaging-service, which owns tokens (briefly cached). */
@Injectable()
export class Authenticator {
  constructor(private readonly principals: PrincipalResolver) {}

  async authenticate(req: Request): Promise<Principal> {
    const credentials = extractCredentials(req);
    const requestId = (req as Partial<AuthenticatedRequest>).id;
    switch (credentials.kind) {
      case 'none':
        throw new DomainError(ErrorCode.NotAuthenticated, 'Authentication required');
      case 'malformed':
        throw new DomainError(ErrorCode.NotAuthenticated, credentials.reason);
      case 'token':
        return this.principals.byToken(credentials.token, requestId);
      case 'basic':
        return this.principals.byBasic(credentials.email, credentials.apiKey, requestId);
    }
  }
}
