import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ErrorDetail } from '@switchboard/contracts';
import { validationError } from './to-domain-error';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The one validation pipe: transforms into DTO classes, strips unknown fields, fails in our shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    validateCustomDecorators: true,
    exceptionFactory: (errors) => validationError(flatten(errors)),
  });
}
