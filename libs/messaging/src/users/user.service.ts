import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainError,
  ErrorCode,
  MAX_HANDLE_LENGTH,
  MAX_USER_NAME_LENGTH,
  type OrgRole,
  type Page,
  type PageUsersQuery,
  type UserKind,
  type UserView,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { IdGenerator } from '../ids/id-generator';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { toUserView } from '../views/view-mappers';
import { UserRepository } from './user.repository';

export interface NewUser {
  organisationId: string;
  email: string;
  name: string;
  kind: UserKind;
  role: OrgRole;
  handle?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly ids: IdGenerator,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Creates a user inside `em` (the caller's transaction) and announces it to the organisation. */
  async create(em: EntityManager, input: NewUser): Promise<UserEntity> {
    const email = input.email.trim();
    const name = input.name.trim();
    if (!EMAIL.test(email) || email.length > 254)
      throw new DomainError(ErrorCode.ValidationFailed, `Invalid email: ${email}`);
    if (name.length < 1 || name.length > MAX_USER_NAME_LENGTH)
      throw new DomainError(ErrorCode.ValidationFailed, `Name must be 1 to ${MAX_USER_NAME_LENGTH} characters`);
    if (await this.users.emailTaken(em, input.organisationId, email))
      throw new DomainError(ErrorCode.Conflict, `A user with email ${email} already exists`);
    const handle = await this.freeHandle(em, input.organisationId, input.handle ?? email.split('@')[0]);
    const user = await this.users.insert(em, {
      id: await this.ids.next(em),
      organisationId: input.organisationId,
      email,
      handle,
      displayName: name,
      kind: input.kind,
      role: input.role,
    });
    await this.outbox.append(em, input.organisationId, [
      pendingEvent('user.created', null, { organisation: true }, { user: toUserView(user) }),
    ]);
    return user;
  }

  /** A user of the actor's organisation (others do not exist, as far as the actor can tell). */
  async get(actor: UserEntity, id: string): Promise<UserView> {
    const user = await this.users.findById(id);
    if (!user || user.organisationId !== actor.organisationId)
      throw new DomainError(ErrorCode.UserNotFound, `User ${id} not found`);
    return toUserView(user);
  }

  async page(actor: UserEntity, query: PageUsersQuery): Promise<Page<UserView>> {
    const limit = query.limit ?? 200;
    const users = await this.users.page(actor.organisationId, limit, query.afterUserId);
    return { items: users.map(toUserView), next: users.length === limit ? users[users.length - 1].id : null };
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private async freeHandle(em: EntityManager, organisationId: string, wanted: string): Promise<string> {
    const base =
      wanted
        .toLowerCase()
        .replace(/[^a-z0-9._-]/g, '')
        .slice(0, MAX_HANDLE_LENGTH) || 'user';
    for (let n = 0; n < 1000; n++) {
      const candidate = n === 0 ? base : `${base}${n + 1}`;
      if (!(await this.users.handleTaken(em, organisationId, candidate))) return candidate;
    }
    throw new DomainError(ErrorCode.Conflict, `No free handle for ${base}`);
  }
}
