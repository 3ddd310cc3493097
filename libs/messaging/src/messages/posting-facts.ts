import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type PermissionRule, PermissionSet, type OrgRole, roleOf } from '@switchboard/contracts';
import { ChannelEntity } from '@switchboard/db';
import { ROW_VERSION, RULES_VERSION } from '../views/row-version';

export interface CachedChannel {
  channel: ChannelEntity;
  version: string;
}

export interface CachedRules {
  perms: PermissionSet;
  version: string;
}

const MAX_ENTRIES = 50_000;

/**
 * What the post fast path needs to know besides the actor: the channel and the rules of the actor's
 * role, remembered per process with their versions. Nothing here is trusted: the post statement
 * compares both versions with the rows as they are when it runs, and a mismatch sends the post down
 * the ordinary path, which reads everything afresh and answers with the precise error. So no event
 * has to invalidate these entries, and no replica ever acts on another's stale facts.
 */
@Injectable()
export class PostingFacts {
  private readonly channels = new Map<string, CachedChannel>();
  private readonly rules = new Map<string, CachedRules>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async channel(channelId: string): Promise<CachedChannel | null> {
    const hit = this.channels.get(channelId);
    if (hit) return hit;
    const { entities, raw } = await this.db.manager
      .createQueryBuilder(ChannelEntity, 'c')
      .addSelect(ROW_VERSION('c'), 'row_version')
      .where('c.id = :channelId', { channelId })
      .getRawAndEntities<{ row_version: string }>();
    if (entities.length === 0) return null;
    return remember(this.channels, channelId, { channel: entities[0], version: raw[0].row_version });
  }

  async rulesOf(organisationId: string, role: OrgRole): Promise<CachedRules> {
    const key = `${organisationId}:${role}`;
    const hit = this.rules.get(key);
    if (hit) return hit;
    const [row] = (await this.db.query(
      `SELECT coalesce((SELECT jsonb_agg(jsonb_build_object('resource', r.resource, 'operation', r.operation, 'access', r.access) ORDER BY r.resource, r.operation)
                          FROM permission_rules r WHERE r.organisation_id = $1 AND r.role_id = $2), '[]') AS rules,
              ${RULES_VERSION('$1', '$2')} AS version`,
      [organisationId, roleOf(role)],
    )) as { rules: PermissionRule[]; version: string }[];
    return remember(this.rules, key, { perms: new PermissionSet(role, row.rules), version: row.version });
  }

  /** After a refused statement: the next post reads these again. */
  forget(channelId: string, organisationId: string, role: OrgRole): void {
    this.channels.delete(channelId);
    this.rules.delete(`${organisationId}:${role}`);
  }
}

function remember<T>(map: Map<string, T>, key: string, value: T): T {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, value);
  return value;
}
