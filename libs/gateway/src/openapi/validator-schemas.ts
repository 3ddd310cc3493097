import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Constructor = abstract new (...args: never[]) => unknown;

/**
 * Gives every class-validator DTO the @nestjs/swagger property metadata it would get from
 * hand-written @ApiProperty decorators, derived from its validation decorators: type, required
 * (no @IsOptional), enum (@IsIn), arrays (@IsArray + `each`), lengths, ranges, patterns, nested
 * DTOs (@Type). So a DTO needs nothing beyond its validators to appear in the OpenAPI document,
 * and the document cannot drift from what the API validates. Properties that already carry
 * @ApiProperty are left alone.
 */
export function describeValidatedDtos(): void {
  const byTarget = (getMetadataStorage() as unknown as { validationMetadatas: Map<Constructor, ValidationMetadata[]> })
    .validationMetadatas;
  for (const [target, metadatas] of byTarget) {
    if (typeof target !== 'function' || !target.prototype) continue;
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const metadata of metadatas)
      byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
    for (const [property, list] of byProperty) {
      if (Reflect.getMetadata('swagger/apiModelProperties', target.prototype, property)) continue;
      ApiProperty(propertyOptions(target, property, list))(target.prototype as object, property);
    }
  }
}

export function propertyOptions(target: Constructor, property: string, list: ValidationMetadata[]): ApiPropertyOptions {
  const named = (name: string) => list.find((metadata) => metadata.name === name);
  const optional = list.some((metadata) => metadata.type === 'conditionalValidation');
  const isArray = Boolean(named('isArray')) || list.some((metadata) => metadata.each);
  const nested = list.some((metadata) => metadata.type === 'nestedValidation');
  const options: Record<string, unknown> = { required: !optional };
  if (nested) {
    const typeMetadata = defaultMetadataStorage.findTypeMetadata(target, property);
    if (typeMetadata?.typeFunction) options.type = typeMetadata.typeFunction();
  } else if (named('isInt')) {
    options.type = 'integer';
  } else if (named('isBoolean')) {
    options.type = 'boolean';
  } else {
    options.type = 'string';
  }
  if (isArray) options.isArray = true;
  const allowed = named('isIn')?.constraints?.[0] as unknown[] | undefined;
  if (allowed) options.enum = [...allowed];
  if (named('isIdString')) {
    options.pattern = '^[0-9]{1,20}$';
    options.description = 'a 64-bit id as a decimal string';
  }
  const pattern = named('matches')?.constraints?.[0] as RegExp | undefined;
  if (pattern instanceof RegExp) options.pattern = pattern.source;
  const minLength = named('minLength')?.constraints?.[0] as number | undefined;
  const maxLength = named('maxLength')?.constraints?.[0] as number | undefined;
  if (minLength !== undefined) options.minLength = minLength;
  if (maxLength !== undefined) options.maxLength = maxLength;
  const minimum = named('min')?.constraints?.[0] as number | undefined;
  const maximum = named('max')?.constraints?.[0] as number | undefined;
  if (minimum !== undefined) options.minimum = minimum;
  if (maximum !== undefined) options.maximum = maximum;
  if (named('arrayMaxSize')) options.maxItems = named('arrayMaxSize')?.constraints?.[0];
  if (named('isISO8601')) options.format = 'date-time';
  return options as ApiPropertyOptions;
}
