import { All, Controller } from '@nestjs/common';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { Dialect } from '@switchboard/platform';

/** Unknown `/api/v1/…` endpoints answer in Zulip's shape (zulip-js cannot handle anything but JSON). Registered last. */
@Dialect('zulip')
@Controller('api/v1')
export class ZulipNotFoundController {
  @All('*path')
  notFound(): never {
    throw new DomainError(ErrorCode.NotFound, 'Endpoint not supported');
  }
}
