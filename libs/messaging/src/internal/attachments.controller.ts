import { Body, HttpCode, Param, Query, Res } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import type { Response } from 'express';
import {
  ATTACHMENT_NAME_HEADER,
  ATTACHMENT_TYPE_HEADER,
  AttachUploadQuery,
  type AttachmentView,
  AttachmentDownloadQuery,
  AttachmentRemoveJobDto,
  DomainError,
  ErrorCode,
  type MessageView,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { IdParamPipe } from '@switchboard/platform';
import { AttachmentRemovalService } from '../attachments/attachment-removal.service';
import { type AttachmentDownload, AttachmentService } from '../attachments/attachment.service';
import { Actor } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

/**
 * Uploads arrive as the raw bytes (application/octet-stream) with the file name in the query;
 * downloads leave as raw bytes with the type and name in headers, for the gateway to serve.
 */
@InternalController()
export class InternalAttachmentsController {
  constructor(
    private readonly attachments: AttachmentService,
    private readonly removals: AttachmentRemovalService,
  ) {}

  @InternalRoute(InternalRoutes.attachFile)
  @HttpCode(200)
  attach(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Query() query: AttachUploadQuery,
    @Body() body: unknown,
  ): Promise<MessageView & { attachment: AttachmentView }> {
    if (!Buffer.isBuffer(body))
      throw new DomainError(ErrorCode.ValidationFailed, 'upload is required', [
        { field: 'upload', message: 'upload must be a file' },
      ]);
    return this.attachments.attach(actor, channelId, query.name, body, query.replyTo);
  }

  @InternalRoute(InternalRoutes.attachmentOriginal)
  async original(
    @Param('attachmentId', IdParamPipe) attachmentId: string,
    @Query() query: AttachmentDownloadQuery,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.attachments.original(attachmentId, query.userID, query.sign));
  }

  @InternalRoute(InternalRoutes.attachmentPreview)
  async preview(
    @Param('attachmentId', IdParamPipe) attachmentId: string,
    @Param('ext') ext: string,
    @Query() query: AttachmentDownloadQuery,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.attachments.preview(attachmentId, query.userID, query.sign, ext));
  }

  /** Called by the dispatcher's attachment.remove job; acts for no user, and removes only marked attachments. */
  @InternalRoute(InternalRoutes.removeAttachmentJob)
  @HttpCode(200)
  remove(@Body() body: AttachmentRemoveJobDto): Promise<{ removed: boolean }> {
    return this.removals.remove(body.attachmentId);
  }
}

function send(res: Response, download: AttachmentDownload): void {
  res
    .status(200)
    .set({
      'content-type': 'application/octet-stream',
      [ATTACHMENT_TYPE_HEADER]: download.contentType,
      [ATTACHMENT_NAME_HEADER]: encodeURIComponent(download.name),
    })
    .send(download.bytes);
}
