import { Injectable, Logger } from '@nestjs/common';
import type { AnyDomainEvent } from '@switchboard/contracts';
import { type OutboxConsumer, OutboxConsumerRegistry } from '../outbox/outbox-consumer';
import { AttachmentRemovalQueue } from './attachment-removal.queue';
import { type AttachmentRecord, AttachmentRepository } from './attachment.repository';
import { AttachmentStorage } from './storage/attachment-storage';

/** Removals the sweep re-enqueues at once; the next sweep takes the rest. */
const SWEEP_BATCH = 1000;

/**
 * Removes the stored files of attachments whose message was deleted. MessageService marks the row
 * in the deleting transaction; the relay enqueues an `attachment.remove` job once that commit is
 * published; the dispatcher runs it by calling back here (it has no storage access). The files go
 * first, the row last, and a missing file counts as removed: a job that runs twice, or one killed
 * between the two steps, simply runs again to the same end.
 */
@Injectable()
export class AttachmentRemovalService implements OutboxConsumer {
  readonly name = 'attachment-removal';
  private readonly logger = new Logger(AttachmentRemovalService.name);

  constructor(
    private readonly attachments: AttachmentRepository,
    private readonly storage: AttachmentStorage,
    private readonly queue: AttachmentRemovalQueue,
    consumers: OutboxConsumerRegistry,
  ) {
    consumers.register(this);
  }

  /** Outbox: jobs for the committed deletions of attachment messages. */
  async consume(events: readonly AnyDomainEvent[]): Promise<void> {
    const messageIds = events.flatMap((event) =>
      event.type === 'message.deleted' && event.payload.message.type === 'attachment'
        ? [event.payload.message.messageId]
        : [],
    );
    if (messageIds.length > 0) await this.enqueueForMessages(messageIds);
  }

  /** The job's work. `removed: false` when there was nothing (left) to remove. */
  async remove(attachmentId: string): Promise<{ removed: boolean }> {
    const attachment = await this.attachments.findMarked(attachmentId);
    if (!attachment) return { removed: false };
    for (const key of storedKeys(attachment)) await this.storage.delete(key);
    await this.attachments.deleteMarked(attachment.id);
    this.logger.log({
      msg: 'attachment files removed',
      attachment: attachment.id,
      organisation: attachment.organisationId,
    });
    return { removed: true };
  }

  async enqueueForMessages(messageIds: string[]): Promise<void> {
    await this.queue.add(await this.attachments.markedForMessages(messageIds));
  }

  /** Jobs again for removals still pending after `seconds` (job lost with Redis, or given up after its attempts). */
  async sweep(seconds: number): Promise<number> {
    const ids = await this.attachments.markedBefore(seconds, SWEEP_BATCH);
    await this.queue.add(ids);
    if (ids.length > 0) this.logger.warn({ msg: 'attachment removals re-enqueued by the sweep', count: ids.length });
    return ids.length;
  }
}

export function storedKeys(attachment: Pick<AttachmentRecord, 'storageKey' | 'previewKey'>): string[] {
  return attachment.previewKey ? [attachment.storageKey, attachment.previewKey] : [attachment.storageKey];
}
