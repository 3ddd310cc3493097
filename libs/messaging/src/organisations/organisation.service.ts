import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { OrganisationEntity } from '@switchboard/db';
import { IdGenerator } from '../ids/id-generator';

@Injectable()
export class OrganisationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ids: IdGenerator,
  ) {}

  async create(em: EntityManager, name: string): Promise<OrganisationEntity> {
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 200)
      throw new DomainError(ErrorCode.ValidationFailed, 'Organisation name must be 1 to 200 characters');
    const base =
      trimmed
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40) || 'org';
    let slug = base;
    for (let n = 2; (await em.countBy(OrganisationEntity, { slug })) > 0; n++) slug = `${base}-${n}`;
    const organisation = em.create(OrganisationEntity, {
      id: await this.ids.next(em),
      name: trimmed,
      slug,
      updatedAt: null,
    });
    return em.save(OrganisationEntity, organisation);
  }

  async get(id: string): Promise<OrganisationEntity> {
    const organisation = await this.db.manager.findOneBy(OrganisationEntity, { id });
    if (!organisation) throw new DomainError(ErrorCode.OrganisationNotFound, `Organisation ${id} not found`);
    return organisation;
  }
}
