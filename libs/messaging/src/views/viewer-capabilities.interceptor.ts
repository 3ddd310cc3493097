import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { type Observable, mergeMap } from 'rxjs';
import { VIEWER_CAPABILITIES_QUERY } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ViewerCapabilitiesService } from './viewer-capabilities.service';

/** On any internal route: with `?viewerCapabilities=1`, the answer's channels and messages get the caller's capabilities. */
@Injectable()
export class ViewerCapabilitiesInterceptor implements NestInterceptor {
  constructor(private readonly capabilities: ViewerCapabilitiesService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & { actor?: UserEntity }>();
    if (context.getType() !== 'http' || req.query?.[VIEWER_CAPABILITIES_QUERY] !== '1') return next.handle();
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        if (req.actor) await this.capabilities.decorate(req.actor, body);
        return body;
      }),
    );
  }
}
