import { plainToInstance } from 'class-transformer';
import * as validator from 'class-validator';
import {
  IdField,
  OptionalFlagField,
  OptionalIdField,
  OptionalIdListField,
  OptionalTextField,
  PageLimitField,
} from './fields';
import { IsIdString, MAX_PAGE_SIZE, ToBool, ToIdString, ToInt, ToStringArray } from './validators';

class ByField {
  @IdField()
  id!: string;

  @OptionalIdField()
  afterId?: string;

  @OptionalIdListField(3)
  userId?: string[];

  @PageLimitField()
  limit?: number;

  @OptionalFlagField()
  pinnedOnly?: boolean;

  @OptionalTextField(5, 1)
  name?: string;
}

/** What the fields stand for, one decorator a line. */
class ByHand {
  @ToIdString()
  @IsIdString()
  id!: string;

  @validator.IsOptional()
  @ToIdString()
  @IsIdString()
  afterId?: string;

  @validator.IsOptional()
  @ToStringArray()
  @validator.IsArray()
  @validator.ArrayMaxSize(3)
  @IsIdString({ each: true })
  userId?: string[];

  @validator.IsOptional()
  @ToInt()
  @validator.IsInt()
  @validator.Min(1)
  @validator.Max(MAX_PAGE_SIZE)
  limit?: number;

  @validator.IsOptional()
  @ToBool()
  @validator.IsBoolean()
  pinnedOnly?: boolean;

  @validator.IsOptional()
  @validator.IsString()
  @validator.MinLength(1)
  @validator.MaxLength(5)
  name?: string;
}

function rules(target: new () => object): unknown[] {
  return validator
    .getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .map(({ propertyName, name, type, constraints, each }) => ({
      propertyName,
      name,
      type,
      each,
      constraints: constraints?.map((value: unknown) => (typeof value === 'function' ? 'a function' : value)),
    }));
}

function problems(target: new () => object, input: object): string[] {
  return validator
    .validateSync(plainToInstance(target, input))
    .flatMap((error) => Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`));
}

describe('DTO fields', () => {
  it('register the same validators, in the same order, as the decorators they stand for', () => {
    expect(rules(ByField)).toEqual(rules(ByHand));
    expect(rules(ByField)).toHaveLength(17);
  });

  it.each<[string, object]>([
    ['nothing but the id', { id: '1' }],
    ['a numeric id and query-string values', { id: 7, afterId: '2', userId: '3', limit: '10', pinnedOnly: 'true' }],
    ['bad values', { id: 'x', afterId: 2.5, userId: ['1', 'a', '2', '3'], limit: '0', pinnedOnly: 'yes', name: '' }],
    ['too large', { id: '1', limit: MAX_PAGE_SIZE + 1, name: 'longer' }],
  ])('accept and refuse like the decorators by hand: %s', (_, input) => {
    expect(problems(ByField, input)).toEqual(problems(ByHand, input));
  });

  it('convert query-string values', () => {
    const query = plainToInstance(ByField, { id: 7, userId: '[1,"2"]', limit: '10', pinnedOnly: '0' });
    expect(query).toMatchObject({ id: '7', userId: ['1', '2'], limit: 10, pinnedOnly: false });
    expect(problems(ByField, query)).toEqual([]);
  });

  it('explain a refused value', () => {
    expect(problems(ByField, { id: 'x', limit: 0 })).toEqual([
      'id: id must be an id (a decimal string)',
      'limit: limit must not be less than 1',
    ]);
  });
});
