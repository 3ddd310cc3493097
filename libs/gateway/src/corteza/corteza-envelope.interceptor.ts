import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type Observable, map } from 'rxjs';

/** Corteza-style success bodies: `{"response": …}` (errors are `{"error": …}`, see docs/errors.md). */
@Injectable()
export class CortezaEnvelopeInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<{ response: unknown }> {
    return next.handle().pipe(map((response: unknown) => ({ response })));
  }
}
