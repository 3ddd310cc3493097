import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIdString, ToBool } from '../dto/validators';
import { IdField, OptionalIdField } from '../dto/fields';

export interface AttachmentView {
  attachmentId: string;
  messageId: string;
  channelId: string;
  userId: string;
  name: string;
  /** Sniffed from the bytes, never taken from the client. */
  contentType: string;
  size: number;
  /** Signed for the user who asked: relative to the api-gateway, usable without a bearer header. */
  url: string;
  previewUrl: string | null;
  width: number | null;
  height: number | null;
  createdAt: string;
}

/** Query of GET /attachment/{id}/original/{name} and /attachment/{id}/preview.{ext}. */
export class AttachmentDownloadQuery {
  @IsString()
  @MaxLength(100)
  sign!: string;

  @IdField()
  userID!: string;

  @IsOptional()
  @ToBool()
  download?: boolean;
}

export class AttachUploadQuery {
  @IsString()
  @MaxLength(255)
  name!: string;

  @OptionalIdField()
  replyTo?: string;
}

export const MAX_ATTACHMENT_NAME_LENGTH = 255;

/** What messaging-service answers for a download: the bytes plus these headers. */
export const ATTACHMENT_TYPE_HEADER = 'x-attachment-content-type';
export const ATTACHMENT_NAME_HEADER = 'x-attachment-name';

/** The non-file fields of POST /channels/{id}/attach. An empty replyTo (HTML forms) means none. */
export class AttachDto {
  @Transform(({ value }) => (value === '' ? undefined : value))
  @OptionalIdField()
  replyTo?: string;
}

/**
 * The job (queue SCHEDULED_QUEUE) that removes the stored files of an attachment whose message was
 * deleted. One job per attachment: a duplicate add (relay re-run, sweep) is ignored while it exists.
 */
export interface AttachmentRemoveJob {
  attachmentId: string;
}

export const attachmentRemoveJobId = (attachmentId: string): string => `attachment-remove-${attachmentId}`;

export class AttachmentRemoveJobDto implements AttachmentRemoveJob {
  @IsIdString()
  attachmentId!: string;
}
