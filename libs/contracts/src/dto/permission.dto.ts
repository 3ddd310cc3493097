import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ALL_OPERATIONS, type Operation, RULE_ACCESS_VALUES } from '../permissions/permissions';
import { OptionalTextField } from './fields';

export class PermissionRuleDto {
  /** `messaging`, `messaging:channel:<id>` or `messaging:channel:*`. */
  @IsString()
  @MaxLength(200)
  resource!: string;

  @IsIn(ALL_OPERATIONS)
  operation!: Operation;

  /** `inherit` removes the rule, so the role's default applies again. */
  @IsIn(RULE_ACCESS_VALUES)
  access!: (typeof RULE_ACCESS_VALUES)[number];
}

export class PatchRulesDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PermissionRuleDto)
  rules!: PermissionRuleDto[];
}

export class EffectiveQuery {
  @OptionalTextField(200)
  resource?: string;
}
