import { respellKeys } from './respell-keys';

/**
 * An internal view as the Corteza wire spells it: every `…Id` key `…ID`, every `…Ids` key `…IDs`,
 * at any depth. Internal types spell ids `…Id`; Corteza answers that have no view of their own
 * (webhooks, statuses, role rules, commands, apps) and the admin CLI's JSON go out through this.
 */
export type CortezaIds<T> = T extends readonly (infer Item)[]
  ? CortezaIds<Item>[]
  : T extends object
    ? {
        [
          K in keyof T as K extends `${infer Stem}Ids` ? `${Stem}IDs` : K extends `${infer Stem}Id` ? `${Stem}ID` : K
        ]: CortezaIds<T[K]>;
      }
    : T;

const ID_KEY = /^([a-z][A-Za-z0-9]*)Id(s?)$/;

export function cortezaIds<T>(value: T): CortezaIds<T> {
  return respellKeys(value, ID_KEY, '$1ID$2') as CortezaIds<T>;
}
