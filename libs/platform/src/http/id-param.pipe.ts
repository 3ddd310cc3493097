import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode, isId } from '@switchboard/contracts';

/** Path ids must be decimal 64-bit ids; anything else is a 400, never a database error. */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isId(value)) throw new DomainError(ErrorCode.BadRequest, `Not a valid id: ${String(value).slice(0, 40)}`);
    return value;
  }
}
