import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DomainError,
  ErrorCode,
  type SetStatusDto,
  type StatusClearReason,
  type StatusView,
  parseStatusExpiry,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { Clock } from '../clock/clock';
import { MessagingConfig } from '../messaging.config';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { StatusExpiryScheduler } from './status-expiry.scheduler';
import { StatusRepository, toStatusView } from './status.repository';
import { ActorCache } from '../users/actor-cache';

@Injectable()
export class StatusService {
  private readonly logger = new Logger(StatusService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly statuses: StatusRepository,
    private readonly outbox: OutboxWriter,
    private readonly scheduler: StatusExpiryScheduler,
    private readonly clock: Clock,
    private readonly config: MessagingConfig,
    private readonly actors: ActorCache,
  ) {}

  async list(actor: UserEntity): Promise<StatusView[]> {
    return (await this.statuses.listCurrent(actor.organisationId)).map(toStatusView);
  }

  async set(actor: UserEntity, input: SetStatusDto): Promise<StatusView> {
    const icon = (input.icon ?? '').trim();
    const message = (input.message ?? '').trim();
    if (!icon && !message)
      throw new DomainError(ErrorCode.ValidationFailed, 'A status needs an icon or a message', [
        { field: 'message', message: 'icon or message is required' },
      ]);
    const parsed = parseStatusExpiry(input.expires, this.clock.now());
    if (!parsed.ok)
      throw new DomainError(ErrorCode.ValidationFailed, parsed.reason, [{ field: 'expires', message: parsed.reason }]);
    const expiresAt = parsed.expiry.kind === 'at' ? parsed.expiry.at : null;

    const status = await this.db.transaction(async (em) => {
      const saved = await this.statuses.upsert(em, {
        userId: actor.id,
        organisationId: actor.organisationId,
        icon,
        message,
        expiresAt,
        clearWhenActive: parsed.expiry.kind === 'when-active',
      });
      await this.outbox.append(em, actor.organisationId, [
        pendingEvent('status.set', actor.id, { organisation: true }, { status: toStatusView(saved) }),
      ]);
      return saved;
    });
    this.actors.forget(actor.id); // its when-active time is cached with the actor
    // After commit: BullMQ is not part of the transaction. If scheduling fails, reads still hide
    // the expired status; only its status.cleared event is missing.
    try {
      if (status.expiresAt)
        await this.scheduler.schedule({ userId: actor.id, setAt: status.setAt.toISOString() }, status.expiresAt);
      else await this.scheduler.cancel(actor.id);
    } catch (error) {
      this.logger.error({ msg: 'status expiry not scheduled', user: actor.id, err: (error as Error).message });
    }
    return toStatusView(status);
  }

  async clear(actor: UserEntity): Promise<{ cleared: boolean }> {
    const cleared = await this.remove(actor.id, 'cleared', actor.id, () => true);
    if (cleared) await this.scheduler.cancel(actor.id).catch(() => undefined);
    return { cleared };
  }

  /** The delayed job's call: clears the status only if it is still the one the job was made for. */
  async expire(userId: string, setAt: string): Promise<{ cleared: boolean }> {
    return { cleared: await this.remove(userId, 'expired', null, (status) => status.setAt.toISOString() === setAt) };
  }

  /**
   * Called for every authenticated call. A `when-active` status clears at the user's first
   * authenticated call (REST, RTM connect, any internal API call made for them) that comes at least
   * STATUS_WHEN_ACTIVE_GRACE_SECONDS after it was set: the call that sets it, and the client's burst
   * of calls right after, must not clear it at once.
   */
  /** Whether a `when-active` status set at `setAt` is past its grace period now. */
  whenActiveDue(setAt: Date): boolean {
    return setAt.getTime() <= this.clock.now().getTime() - this.config.STATUS_WHEN_ACTIVE_GRACE_SECONDS * 1000;
  }

  async noteActivity(actor: UserEntity): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.STATUS_WHEN_ACTIVE_GRACE_SECONDS * 1000);
    if (!(await this.statuses.hasWhenActiveBefore(actor.id, cutoff))) return;
    await this.remove(actor.id, 'active', actor.id, (status) => status.clearWhenActive && status.setAt < cutoff);
  }

  private remove(
    userId: string,
    reason: StatusClearReason,
    actorId: string | null,
    applies: (status: { setAt: Date; clearWhenActive: boolean }) => boolean,
  ): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const status = await this.statuses.find(em, userId, true);
      if (!status || !applies(status)) return false;
      await this.statuses.remove(em, userId);
      await this.outbox.append(em, status.organisationId, [
        pendingEvent('status.cleared', actorId, { organisation: true }, { userId: userId, reason }),
      ]);
      return true;
    });
  }
}
