import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { UserEntity } from '@switchboard/db';

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById(id: string, em: EntityManager = this.db.manager): Promise<UserEntity | null> {
    return em.findOneBy(UserEntity, { id });
  }

  /** The user's row, locked until the caller's transaction ends (concurrent edits of one profile queue up). */
  lockById(em: EntityManager, id: string): Promise<UserEntity | null> {
    return em.createQueryBuilder(UserEntity, 'u').where('u.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Active users of one organisation among `ids` (unknown, foreign or deactivated ids are left out). */
  async findActiveInOrganisation(
    organisationId: string,
    ids: string[],
    em: EntityManager = this.db.manager,
  ): Promise<UserEntity[]> {
    if (ids.length === 0) return [];
    const users = await em.findBy(UserEntity, { id: In(ids), organisationId });
    return users.filter((user) => !user.deactivatedAt);
  }

  /** As findActiveInOrganisation, for distinct `ids` that must all be found: any other is refused (UserNotFound). */
  async requireActiveInOrganisation(
    organisationId: string,
    ids: string[],
    em: EntityManager = this.db.manager,
  ): Promise<UserEntity[]> {
    const found = await this.findActiveInOrganisation(organisationId, ids, em);
    if (found.length !== ids.length) {
      const known = new Set(found.map((user) => user.id));
      throw new DomainError(ErrorCode.UserNotFound, `Unknown users: ${ids.filter((id) => !known.has(id)).join(', ')}`);
    }
    return found;
  }

  page(organisationId: string, limit: number, afterId?: string): Promise<UserEntity[]> {
    const builder = this.db.manager
      .createQueryBuilder(UserEntity, 'u')
      .where('u.organisation_id = :organisationId', { organisationId })
      .orderBy('u.id', 'ASC')
      .limit(limit);
    if (afterId) builder.andWhere('u.id > :afterId', { afterId });
    return builder.getMany();
  }

  /** Active users of an organisation by handle (lower-case); served by users_org_handle_key. */
  findByHandles(organisationId: string, handles: string[]): Promise<UserEntity[]> {
    return this.db.manager
      .createQueryBuilder(UserEntity, 'u')
      .where('u.organisation_id = :organisationId', { organisationId })
      .andWhere('lower(u.handle) IN (:...handles)', { handles })
      .andWhere('u.deactivated_at IS NULL')
      .getMany();
  }

  listByOrganisation(organisationId: string): Promise<UserEntity[]> {
    return this.db.manager.find(UserEntity, { where: { organisationId }, order: { id: 'ASC' } });
  }

  async handleTaken(em: EntityManager, organisationId: string, handle: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      'SELECT 1 FROM users WHERE organisation_id = $1 AND lower(handle) = lower($2)',
      [organisationId, handle],
    );
    return rows.length > 0;
  }

  async emailTaken(em: EntityManager, organisationId: string, email: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      'SELECT 1 FROM users WHERE organisation_id = $1 AND lower(email) = lower($2)',
      [organisationId, email],
    );
    return rows.length > 0;
  }

  async updateProfile(
    em: EntityManager,
    user: UserEntity,
    change: { displayName: string; handle: string },
  ): Promise<UserEntity> {
    const updatedAt = new Date();
    await em.update(UserEntity, { id: user.id }, { ...change, updatedAt });
    return Object.assign(user, change, { updatedAt });
  }

  insert(
    em: EntityManager,
    user: Omit<UserEntity, 'zulipId' | 'createdAt' | 'updatedAt' | 'deactivatedAt'>,
  ): Promise<UserEntity> {
    return em.save(UserEntity, em.create(UserEntity, { ...user, deactivatedAt: null, updatedAt: null }));
  }
}
