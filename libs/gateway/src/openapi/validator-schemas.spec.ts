import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import {
  ActivityDto,
  CreateChannelDto,
  ListMessagesQuery,
  PatchRulesDto,
  PermissionRuleDto,
} from '@switchboard/contracts';
import { propertyOptions } from './validator-schemas';

type Target = abstract new (...args: never[]) => unknown;
const optionsOf = (target: Target, property: string) =>
  propertyOptions(
    target,
    property,
    getMetadataStorage()
      .getTargetValidationMetadatas(target as unknown as new () => unknown, '', true, false)
      .filter((m) => m.propertyName === property),
  );

describe('OpenAPI properties derived from class-validator decorators', () => {
  it.each<[string, Target, string, Record<string, unknown>]>([
    [
      'required string with a pattern',
      ActivityDto,
      'kind',
      { required: true, type: 'string', minLength: 1, maxLength: 64 },
    ],
    ['optional id', ActivityDto, 'channelID', { required: false, type: 'string', pattern: '^[0-9]{1,20}$' }],
    [
      'optional integer with a range',
      ListMessagesQuery,
      'limit',
      { required: false, type: 'integer', minimum: 1, maximum: 200 },
    ],
    ['enum', CreateChannelDto, 'type', { required: false, type: 'string', enum: ['public', 'private', 'group'] }],
    ['array of ids', CreateChannelDto, 'members', { required: false, type: 'string', isArray: true, maxItems: 500 }],
    ['nested array', PatchRulesDto, 'rules', { required: true, type: PermissionRuleDto, isArray: true }],
  ])('%s', (_label, target, property, expected) => {
    expect(optionsOf(target, property)).toMatchObject(expected);
  });
});
