import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Operation, PermissionRule, RuleAccess } from '@switchboard/contracts';

interface RuleRow {
  resource: string;
  operation: Operation;
  access: RuleAccess;
}

@Injectable()
export class PermissionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Served by the primary key (organisation_id, role_id, …). */
  async rulesOf(
    organisationId: string,
    roleId: string,
    em: EntityManager = this.db.manager,
  ): Promise<PermissionRule[]> {
    const rows = (await em.query(
      `SELECT resource, operation, access FROM permission_rules WHERE organisation_id = $1 AND role_id = $2 ORDER BY resource, operation`,
      [organisationId, roleId],
    )) as RuleRow[];
    return rows.map((row) => ({ resource: row.resource, operation: row.operation, access: row.access }));
  }

  async upsert(em: EntityManager, organisationId: string, roleId: string, rule: PermissionRule): Promise<void> {
    await em.query(
      `INSERT INTO permission_rules (organisation_id, role_id, resource, operation, access) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id, role_id, resource, operation) DO UPDATE SET access = EXCLUDED.access, updated_at = now()`,
      [organisationId, roleId, rule.resource, rule.operation, rule.access],
    );
  }

  async remove(
    em: EntityManager,
    organisationId: string,
    roleId: string,
    resource: string,
    operation: string,
  ): Promise<void> {
    await em.query(
      `DELETE FROM permission_rules WHERE organisation_id = $1 AND role_id = $2 AND resource = $3 AND operation = $4`,
      [organisationId, roleId, resource, operation],
    );
  }

  async removeAll(em: EntityManager, organisationId: string, roleId: string): Promise<number> {
    const result = (await em.query(`DELETE FROM permission_rules WHERE organisation_id = $1 AND role_id = $2`, [
      organisationId,
      roleId,
    ])) as [unknown[], number];
    return result[1];
  }

  /** Serialises concurrent rule changes of one organisation's role. */
  async lockRole(em: EntityManager, organisationId: string, roleId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('permission_rules:' || $1 || ':' || $2, 0))`, [
      organisationId,
      roleId,
    ]);
  }
}
