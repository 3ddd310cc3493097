import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { ApiTokenEntity, UserEntity } from '@switchboard/db';
import { IdGenerator } from '../ids/id-generator';
import { preparedRows } from '../sql/prepared-rows';
import { USER_COLUMNS, type UserRow, toUserEntity } from '../users/user-row';

/**
 * Tokens look like `sbt_<100 base64url chars>` (600 random bits): recognisable in logs and secret
 * scanners, and longer than 100 characters because the generated Corteza clients drop shorter
 * bearer tokens as "not a JWT". Tokens issued before, `sbt_<43 chars>`, keep working.
 */
export const TOKEN_PREFIX = 'sbt_';
const TOKEN_RANDOM_BYTES = 75;
const TOKEN_SHAPE = /^sbt_(?:[A-Za-z0-9_-]{43}|[A-Za-z0-9_-]{100})$/;

const TOKEN_USER = `SELECT t.id::text AS token_id, ${USER_COLUMNS('u')}
  FROM api_tokens t JOIN users u ON u.id = t.user_id
 WHERE t.token_hash = $1 AND t.revoked_at IS NULL LIMIT 1`;
const TOKEN_USED = `UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`;

export function newApiToken(): string {
  return TOKEN_PREFIX + randomBytes(TOKEN_RANDOM_BYTES).toString('base64url');
}

export function isApiTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

export function hashToken(token: string): string {
  // 256 random bits need no slow hash: SHA-256 cannot be brute-forced back to the token.
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class ApiTokenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ids: IdGenerator,
  ) {}

  /** Returns the token in clear text; only its hash is stored, so this is the one chance to see it. */
  async issue(em: EntityManager, userId: string, label = ''): Promise<{ tokenId: string; token: string }> {
    const token = newApiToken();
    const id = await this.ids.next(em);
    await em.insert(ApiTokenEntity, { id, userId, tokenHash: hashToken(token), prefix: token.slice(0, 10), label });
    return { tokenId: id, token };
  }

  /** The active user a token belongs to, or an `invalid_token` / `account_inactive` error. */
  async resolve(token: string): Promise<UserEntity> {
    if (!isApiTokenShape(token)) throw new DomainError(ErrorCode.InvalidToken, 'Invalid token');
    // One hand-written query for the token and its user: every edge cache miss pays it.
    const rows = await preparedRows<UserRow & { token_id: string }>(this.db, 'token_user', TOKEN_USER, [
      hashToken(token),
    ]);
    if (rows.length === 0) throw new DomainError(ErrorCode.InvalidToken, 'Invalid token');
    const user = toUserEntity(rows[0]);
    if (user.deactivatedAt) throw new DomainError(ErrorCode.AccountInactive, 'This account is deactivated');
    // Recording use is best effort and coarse (once a minute) to keep auth free of write load.
    void preparedRows(this.db, 'token_used', TOKEN_USED, [rows[0].token_id]).catch(() => undefined);
    return user;
  }

  async userExists(em: EntityManager, userId: string): Promise<boolean> {
    return (await em.countBy(UserEntity, { id: userId })) > 0;
  }
}
