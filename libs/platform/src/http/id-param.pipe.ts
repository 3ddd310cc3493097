import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode, isId } from '@switchboard/contracts';

/** A path id must be a decimal 64-bit id; anything else is a 400, never a database error. */
export function checkPathId(value: string): string {
  if (!isId(value)) throw new DomainError(ErrorCode.BadRequest, `Not a valid id: ${String(value).slice(0, 40)}`);
  return value;
}

/** `@Param('channelId', IdParamPipe)`: one path id, checked by checkPathId. */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return checkPathId(value);
  }
}
