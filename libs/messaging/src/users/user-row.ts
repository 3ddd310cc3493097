import { UserEntity } from '@switchboard/db';

/** The users columns as UserEntity reads them, for hand-written SQL on hot paths (`alias` names the users row). */
export const USER_COLUMNS = (alias: string): string =>
  `${alias}.id::text AS id, ${alias}.zulip_id::text AS zulip_id, ${alias}.organisation_id::text AS organisation_id,
   ${alias}.email, ${alias}.handle, ${alias}.display_name, ${alias}.kind, ${alias}.role,
   ${alias}.created_at, ${alias}.updated_at, ${alias}.deactivated_at`;

export interface UserRow {
  id: string;
  zulip_id: string;
  organisation_id: string;
  email: string;
  handle: string;
  display_name: string;
  kind: UserEntity['kind'];
  role: UserEntity['role'];
  created_at: Date;
  updated_at: Date | null;
  deactivated_at: Date | null;
}

/** The entity TypeORM would have made of the row. */
export function toUserEntity(row: UserRow): UserEntity {
  return Object.assign(new UserEntity(), {
    id: row.id,
    zulipId: row.zulip_id,
    organisationId: row.organisation_id,
    email: row.email,
    handle: row.handle,
    displayName: row.display_name,
    kind: row.kind,
    role: row.role,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deactivatedAt: row.deactivated_at,
  });
}
