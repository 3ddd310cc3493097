import { Entity } from 'typeorm';
import { Row } from './base-rows';
import { TextColumn, TimestampColumn } from './columns';

@Entity('organisations')
export class OrganisationEntity extends Row {
  @TextColumn() name!: string;
  @TextColumn() slug!: string;
  @TimestampColumn({ nullable: true }) updatedAt!: Date | null;
}
