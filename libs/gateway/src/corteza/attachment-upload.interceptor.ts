import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { GatewayConfig } from '../gateway.config';

/**
 * multipart/form-data with one file field, `upload`, held in memory up to ATTACHMENT_MAX_BYTES (the
 * global body parsers skip this route). The bytes then go to messaging-service, which sniffs,
 * authorises and stores them.
 */
@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(config: GatewayConfig) {
    this.upload = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: config.ATTACHMENT_MAX_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024 },
    }).single('upload');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    if (!req.is('multipart/form-data'))
      throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the file as multipart/form-data in the field upload');
    await new Promise<void>((resolve, reject) =>
      this.upload(req, res, (error: unknown) => (error ? reject(toUploadError(error)) : resolve())),
    );
    if (!req.file)
      throw new DomainError(ErrorCode.ValidationFailed, 'upload is required', [
        { field: 'upload', message: 'upload must be a file' },
      ]);
    return next.handle();
  }
}

function toUploadError(error: unknown): DomainError {
  const code = (error as { code?: string }).code;
  if (code === 'LIMIT_FILE_SIZE')
    return new DomainError(ErrorCode.PayloadTooLarge, 'The file is larger than the attachment limit');
  if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT')
    return new DomainError(ErrorCode.ValidationFailed, 'Send exactly one file, in the field upload', [
      { field: 'upload', message: 'one file in upload' },
    ]);
  return new DomainError(ErrorCode.BadRequest, 'Malformed multipart body');
}
