import { Column, Entity, Generated, PrimaryColumn } from 'typeorm';
import type { OrgRole, UserKind } from '@switchboard/contracts';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  /** Compact id shown to Zulip clients (JavaScript numbers lose precision above 2^53); set by a sequence. */
  @Column({ name: 'zulip_id', type: 'bigint', insert: false, update: false })
  @Generated('increment')
  zulipId!: string;

  @Column({ name: 'organisation_id', type: 'bigint' })
  organisationId!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  handle!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  kind!: UserKind;

  @Column({ type: 'text' })
  role!: OrgRole;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;
}
