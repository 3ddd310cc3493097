import { SetMetadata, UseFilters, applyDecorators } from '@nestjs/common';
import type { DialectName } from '@switchboard/contracts';
import { DialectErrorFilter } from './dialect-error.filter';

export const DIALECT_METADATA = 'switchboard:dialect';

/** Declares the client dialect of a controller's routes: its errors are answered in that dialect. */
export function Dialect(dialect: DialectName): ClassDecorator {
  return applyDecorators(SetMetadata(DIALECT_METADATA, dialect), UseFilters(new DialectErrorFilter(dialect)));
}

/** The dialect a controller class declares, if any. */
export function declaredDialect(controller: object): DialectName | undefined {
  return Reflect.getMetadata(DIALECT_METADATA, controller) as DialectName | undefined;
}
