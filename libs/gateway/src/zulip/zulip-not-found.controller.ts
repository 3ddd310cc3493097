import { All, Controller, UseFilters } from '@nestjs/common';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { ZulipErrorFilter } from '@switchboard/platform';

/** Unknown `/api/v1/…` endpoints answer in Zulip's shape (zulip-js cannot handle anything but JSON). Registered last. */
@Controller('api/v1')
@UseFilters(ZulipErrorFilter)
export class ZulipNotFoundController {
  @All('*path')
  notFound(): never {
    throw new DomainError(ErrorCode.NotFound, 'Endpoint not supported');
  }
}
