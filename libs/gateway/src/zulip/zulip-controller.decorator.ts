import { Controller, UseGuards, applyDecorators } from '@nestjs/common';
import { Dialect } from '@switchboard/platform';
import { AuthGuard } from '../auth/auth.guard';

/** A Zulip REST controller at `path`: errors in Zulip's dialect, every request authenticated (AuthGuard). */
export function ZulipController(path: string): ClassDecorator {
  return applyDecorators(Dialect('zulip'), Controller(path), UseGuards(AuthGuard));
}
