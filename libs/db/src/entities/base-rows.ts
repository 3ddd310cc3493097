import { BigIntColumn, CreatedAtColumn, IdColumn, ZulipIdColumn } from './columns';

/** A row with the service's id and the time it was inserted. */
export abstract class Row {
  @IdColumn() id!: string;
  @CreatedAtColumn() createdAt!: Date;
}

/** A row that belongs to one organisation. */
export abstract class OrganisationRow extends Row {
  @BigIntColumn() organisationId!: string;
}

/** Users, channels and messages: Zulip clients address them by a compact id besides the service's. */
export abstract class ZulipAddressedRow extends OrganisationRow {
  @ZulipIdColumn() zulipId!: string;
}
