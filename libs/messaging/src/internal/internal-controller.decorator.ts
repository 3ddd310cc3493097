import { Controller, UseGuards, applyDecorators } from '@nestjs/common';
import { INTERNAL_PREFIX } from '@switchboard/contracts';
import { InternalAuthGuard } from './internal-auth.guard';

/** A controller of messaging-service's internal API: its routes under INTERNAL_PREFIX, behind InternalAuthGuard. */
export function InternalController(): ClassDecorator {
  return applyDecorators(Controller(INTERNAL_PREFIX), UseGuards(InternalAuthGuard));
}
