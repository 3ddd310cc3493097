import { Controller, UseGuards, UseInterceptors, applyDecorators } from '@nestjs/common';
import { Dialect } from '@switchboard/platform';
import { AuthGuard } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';

/**
 * A Corteza-style REST controller at `path`: errors in Corteza's dialect, every request
 * authenticated (AuthGuard), success bodies enveloped as `{"response": …}`.
 */
export function CortezaController(path = '/'): ClassDecorator {
  return applyDecorators(
    Dialect('corteza'),
    Controller(path),
    UseGuards(AuthGuard),
    UseInterceptors(CortezaEnvelopeInterceptor),
  );
}
