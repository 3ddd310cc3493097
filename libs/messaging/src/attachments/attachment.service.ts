import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type AttachmentView,
  DomainError,
  ErrorCode,
  MAX_ATTACHMENT_NAME_LENGTH,
  type MessageView,
  isId,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ChannelAccess } from '../channels/channel-access';
import { IdGenerator } from '../ids/id-generator';
import { MessagingConfig } from '../messaging.config';
import { MessageService } from '../messages/message.service';
import { UserRepository } from '../users/user.repository';
import { storedKeys } from './attachment-removal.service';
import { AttachmentSigner } from './attachment-signer';
import { type AttachmentRecord, AttachmentRepository } from './attachment.repository';
import { sniffContentType } from './content-sniffer';
import { makePreview } from './image-preview';
import { AttachmentStorage } from './storage/attachment-storage';

export interface AttachmentDownload {
  bytes: Buffer;
  contentType: string;
  name: string;
}

/**
 * Attachments: the api-gateway forwards the uploaded bytes here; this service authorises, sniffs
 * the type, makes the preview, stores both through AttachmentStorage and records the attachment
 * with its message in one transaction. Downloads check the link's signature AND, every time, that
 * the signed-for user may still read the channel.
 */
@Injectable()
export class AttachmentService {
  private readonly logger = new Logger(AttachmentService.name);
  private readonly signer: AttachmentSigner;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly attachments: AttachmentRepository,
    private readonly storage: AttachmentStorage,
    private readonly messages: MessageService,
    private readonly access: ChannelAccess,
    private readonly users: UserRepository,
    private readonly ids: IdGenerator,
    config: MessagingConfig,
  ) {
    this.signer = new AttachmentSigner(config.ATTACHMENT_SIGNING_SECRET);
    this.maxBytes = config.ATTACHMENT_MAX_BYTES;
  }

  private readonly maxBytes: number;

  async attach(
    actor: UserEntity,
    channelId: string,
    rawName: string,
    bytes: Buffer,
    replyTo?: string,
  ): Promise<MessageView & { attachment: AttachmentView }> {
    const name = cleanName(rawName);
    if (bytes.length === 0)
      throw new DomainError(ErrorCode.ValidationFailed, 'The upload is empty', [
        { field: 'upload', message: 'upload must not be empty' },
      ]);
    if (bytes.length > this.maxBytes)
      throw new DomainError(ErrorCode.PayloadTooLarge, `Attachments are limited to ${this.maxBytes} bytes`);
    // Refuse before doing any work for a channel the actor may not post to.
    await this.access.readable(actor, channelId);
    const sniffed = sniffContentType(bytes);
    if ('refused' in sniffed)
      throw new DomainError(ErrorCode.UnsupportedMediaType, `This file type is not accepted: ${sniffed.refused}`);
    const made = sniffed.image ? await makePreview(bytes) : null;
    if (sniffed.image && !made) throw new DomainError(ErrorCode.UnsupportedMediaType, 'The image could not be decoded');

    const attachmentId = await this.ids.next(this.db.manager);
    const storageKey = `${actor.organisationId}/${attachmentId}/original`;
    const previewKey = made ? `${actor.organisationId}/${attachmentId}/preview` : null;
    await this.storage.put(storageKey, bytes, sniffed.contentType);
    if (made && previewKey) await this.storage.put(previewKey, made.preview.bytes, made.preview.contentType);

    let record: AttachmentRecord | null = null;
    try {
      const message = await this.messages.post(actor, channelId, name, replyTo, {
        type: 'attachment',
        operation: 'attachment.upload',
        within: async (em, saved) => {
          record = await this.attachments.insert(em, {
            id: attachmentId,
            organisationId: saved.organisationId,
            channelId: saved.channelId,
            messageId: saved.id,
            userId: actor.id,
            name,
            contentType: sniffed.contentType,
            size: bytes.length,
            storageKey,
            previewKey,
            previewExt: made?.preview.ext ?? null,
            width: made?.width ?? null,
            height: made?.height ?? null,
          });
        },
      });
      return { ...message, attachment: this.view(record!, actor.id) };
    } catch (error) {
      // Nothing committed: the stored bytes must not linger.
      await Promise.all(
        storedKeys({ storageKey, previewKey }).map((key) => this.storage.delete(key).catch(() => undefined)),
      );
      throw error;
    }
  }

  async original(attachmentId: string, userId: string, signature: string): Promise<AttachmentDownload> {
    const attachment = await this.authorisedDownload(attachmentId, userId, signature);
    const bytes = await this.storage.get(attachment.storageKey);
    if (!bytes) throw this.notFound(attachmentId);
    return { bytes, contentType: attachment.contentType, name: attachment.name };
  }

  async preview(attachmentId: string, userId: string, signature: string, ext: string): Promise<AttachmentDownload> {
    const attachment = await this.authorisedDownload(attachmentId, userId, signature);
    if (!attachment.previewKey || attachment.previewExt !== normaliseExt(ext))
      throw new DomainError(ErrorCode.NotFound, `No ${ext} preview for attachment ${attachmentId}`);
    const bytes = await this.storage.get(attachment.previewKey);
    if (!bytes) throw this.notFound(attachmentId);
    return {
      bytes,
      contentType: attachment.previewExt === 'png' ? 'image/png' : 'image/jpeg',
      name: `preview.${attachment.previewExt}`,
    };
  }

  /**
   * Adds `attachment` (links signed for the viewer) to the attachment messages of a page the viewer
   * was already allowed to read. Call it on every read path that returns messages.
   */
  async withAttachments<T extends MessageView>(
    viewerId: string,
    messages: T[],
  ): Promise<(T & { attachment?: AttachmentView })[]> {
    const ids = messages
      .filter((message) => message.type === 'attachment' && !message.deletedAt)
      .map((message) => message.messageId);
    if (ids.length === 0) return messages;
    const records = new Map((await this.attachments.forMessages(ids)).map((record) => [record.messageId, record]));
    return messages.map((message) => {
      const record = records.get(message.messageId);
      return record ? { ...message, attachment: this.view(record, viewerId) } : message;
    });
  }

  private async authorisedDownload(attachmentId: string, userId: string, signature: string): Promise<AttachmentRecord> {
    // Same answer for a bad signature, an unknown attachment and one the user may not read.
    if (!isId(attachmentId) || !isId(userId) || !this.signer.verify(attachmentId, userId, signature))
      throw this.notFound(attachmentId);
    const [attachment, user] = await Promise.all([
      this.attachments.findLive(attachmentId),
      this.users.findById(userId),
    ]);
    if (!attachment || !user || user.deactivatedAt) throw this.notFound(attachmentId);
    try {
      await this.access.readable(user, attachment.channelId);
    } catch {
      throw this.notFound(attachmentId);
    }
    return attachment;
  }

  private view(record: AttachmentRecord, viewerId: string): AttachmentView {
    const query = `sign=${this.signer.sign(record.id, viewerId)}&userID=${viewerId}`;
    return {
      attachmentId: record.id,
      messageId: record.messageId,
      channelId: record.channelId,
      userId: record.userId,
      name: record.name,
      contentType: record.contentType,
      size: record.size,
      url: `/attachment/${record.id}/original/${encodeURIComponent(record.name)}?${query}`,
      previewUrl: record.previewExt ? `/attachment/${record.id}/preview.${record.previewExt}?${query}` : null,
      width: record.width,
      height: record.height,
      createdAt: record.createdAt.toISOString(),
    };
  }

  private notFound(attachmentId: string): DomainError {
    this.logger.debug({ msg: 'attachment refused', attachment: attachmentId });
    return new DomainError(ErrorCode.NotFound, `Attachment ${attachmentId} not found`);
  }
}

/** The file name as shown and served: no path, no control characters, at most 255 characters. */
export function cleanName(raw: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const name = base
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, MAX_ATTACHMENT_NAME_LENGTH);
  return name || 'file';
}

function normaliseExt(ext: string): string {
  const lower = ext.toLowerCase();
  return lower === 'jpeg' ? 'jpg' : lower;
}
