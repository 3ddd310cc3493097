import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiParam } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ATTACHMENT_NAME_HEADER,
  ATTACHMENT_TYPE_HEADER,
  AttachDto,
  AttachmentDownloadQuery,
  type Principal,
  InternalRoutes,
} from '@switchboard/contracts';
import { Dialect, IdParamPipe, InternalClient } from '@switchboard/platform';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { AttachmentUploadInterceptor } from './attachment-upload.interceptor';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';
import { type CortezaMessage, toCortezaMessage } from './corteza-views';
import { ForwardsToMessaging } from './messaging-forwarder';

@Dialect('corteza')
@Controller('channels/:channelID/attach')
@UseGuards(AuthGuard)
@UseInterceptors(CortezaEnvelopeInterceptor, AttachmentUploadInterceptor)
export class AttachController extends ForwardsToMessaging {
  /** multipart/form-data: `upload` (the file), optional `replyTo`. Posts a message that carries the attachment. */
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['upload'],
      properties: {
        upload: { type: 'string', format: 'binary' },
        replyTo: { type: 'string', pattern: '^[0-9]{1,20}$' },
      },
    },
  })
  @HttpCode(200)
  async attach(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Body() body: AttachDto,
    @Req() req: Request,
  ): Promise<CortezaMessage> {
    const file = req.file!;
    const message = await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.attachFile, {
      params: { channelId },
      query: { name: file.originalname, replyTo: body.replyTo },
      body: file.buffer,
    });
    return toCortezaMessage(message);
  }
}

/**
 * Attachment downloads: no bearer header, the signed `sign` + `userID` query authorises (so a
 * browser can load the link). messaging-service checks the signature and the user's access.
 */
@Dialect('corteza')
@Controller('attachment/:attachmentID')
export class AttachmentDownloadController {
  constructor(private readonly messaging: InternalClient) {}

  @Get('original/:name')
  @ApiParam({
    name: 'name',
    type: 'string',
    description: 'the file name; informative, the stored name is what is served',
  })
  async original(
    @Param('attachmentID', IdParamPipe) attachmentId: string,
    @Query() query: AttachmentDownloadQuery,
    @RequestId() requestId: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.serve(res, InternalRoutes.attachmentOriginal, { attachmentId }, query, requestId);
  }

  @Get('preview.:ext')
  async preview(
    @Param('attachmentID', IdParamPipe) attachmentId: string,
    @Param('ext') ext: string,
    @Query() query: AttachmentDownloadQuery,
    @RequestId() requestId: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.serve(res, InternalRoutes.attachmentPreview, { attachmentId, ext }, query, requestId);
  }

  private async serve(
    res: Response,
    route: typeof InternalRoutes.attachmentOriginal | typeof InternalRoutes.attachmentPreview,
    params: { attachmentId: string; ext?: string },
    query: AttachmentDownloadQuery,
    requestId: string,
  ): Promise<void> {
    const { bytes, headers } = await this.messaging.callForBytes({ requestId }, route, {
      params: params as { attachmentId: string; ext: string },
      query: { sign: query.sign, userID: query.userID },
    });
    const contentType = headers.get(ATTACHMENT_TYPE_HEADER) ?? 'application/octet-stream';
    const name = decodeURIComponent(headers.get(ATTACHMENT_NAME_HEADER) ?? 'file');
    const inline =
      !query.download &&
      (contentType.startsWith('image/') || contentType.startsWith('text/plain') || contentType === 'application/pdf');
    res
      .status(200)
      .set({
        'content-type': contentType,
        'content-length': String(bytes.length),
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, max-age=3600',
      })
      .end(bytes);
  }
}
