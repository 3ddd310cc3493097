export { NarrowError } from './narrow-error';
export { matchesNarrow } from './narrow-matcher';
export { parseNarrow } from './narrow-parser';
export type { HasOperand, IsOperand, NarrowOperator, NarrowTerm, NarrowableMessage } from './narrow-term';
export { MAX_NARROW_TERMS, MAX_OPERAND_LENGTH } from './narrow-vocabulary';
