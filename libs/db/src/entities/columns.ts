import { Column, Generated, PrimaryColumn } from 'typeorm';

/**
 * The column kinds the schema uses, so that an entity says what a column holds and the migrations
 * say the rest. Names come from the properties (SnakeNamingStrategy); PostgreSQL bigints are read
 * as strings.
 */
interface Nullable {
  nullable?: boolean;
}

/** The service's 64-bit ids (libs/contracts id generator), as primary key. */
export const IdColumn = (): PropertyDecorator => PrimaryColumn({ type: 'bigint' });

/** A 64-bit id, here a reference to another row. */
export const BigIntColumn = (options: Nullable = {}): PropertyDecorator => Column({ type: 'bigint', ...options });

export const TextColumn = (options: Nullable & { default?: string } = {}): PropertyDecorator =>
  Column({ type: 'text', ...options });

export const IntegerColumn = (options: Nullable & { default?: number } = {}): PropertyDecorator =>
  Column({ type: 'integer', ...options });

export const JsonColumn = (): PropertyDecorator => Column({ type: 'jsonb' });

export const TimestampColumn = (options: Nullable = {}): PropertyDecorator =>
  Column({ type: 'timestamptz', ...options });

/** When the row was inserted; the database sets it. */
export const CreatedAtColumn = (): PropertyDecorator => Column({ type: 'timestamptz', default: () => 'now()' });

/** Compact id shown to Zulip clients (JavaScript numbers lose precision above 2^53); set by a sequence. */
export function ZulipIdColumn(): PropertyDecorator {
  const column = Column({ type: 'bigint', insert: false, update: false });
  const generated = Generated('increment');
  return (target, property) => {
    generated(target, property);
    column(target, property);
  };
}
