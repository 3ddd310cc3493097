import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, type UpdateProfileDto, type UserView } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { toUserView } from '../views/view-mappers';
import { ActorCache } from './actor-cache';
import { UserRepository } from './user.repository';

const HANDLE_INDEX = 'users_org_handle_key';

/** A user's own profile: display name and handle (email and role are not self-editable). */
@Injectable()
export class ProfileService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly outbox: OutboxWriter,
    private readonly actors: ActorCache,
  ) {}

  /** Applies the change and announces it (`user.updated`) in one transaction; no change, no event. */
  async update(actor: UserEntity, change: UpdateProfileDto): Promise<UserView> {
    try {
      const view = await this.db.transaction(async (em) => {
        const user = await this.users.lockById(em, actor.id);
        if (!user) throw new DomainError(ErrorCode.UserNotFound, `User ${actor.id} not found`);
        const previous = toUserView(user);
        const displayName = change.name ?? user.displayName;
        const handle = change.handle ?? user.handle;
        if (displayName === user.displayName && handle === user.handle) return previous;
        if (
          handle.toLowerCase() !== user.handle.toLowerCase() &&
          (await this.users.handleTaken(em, user.organisationId, handle))
        )
          throw handleTaken(handle);
        const view = toUserView(await this.users.updateProfile(em, user, { displayName, handle }));
        await this.outbox.append(em, user.organisationId, [
          pendingEvent('user.updated', user.id, { organisation: true }, { user: view, previous }),
        ]);
        return view;
      });
      this.actors.forget(actor.id);
      return view;
    } catch (error) {
      // Two users taking the same free handle at once: the unique index decides, the loser hears why.
      if (isUniqueViolation(error, HANDLE_INDEX) && change.handle) throw handleTaken(change.handle);
      throw error;
    }
  }
}

function handleTaken(handle: string): DomainError {
  return new DomainError(ErrorCode.NameTaken, `The handle "${handle}" is already taken in this organisation`, [
    { field: 'handle', message: 'already taken' },
  ]);
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: unknown; constraint?: unknown } } | null)?.driverError;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
