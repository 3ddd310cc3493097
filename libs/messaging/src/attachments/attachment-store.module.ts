import { Module } from '@nestjs/common';
import { AttachmentRepository } from './attachment.repository';

/** Attachments as stored: deleting a message marks its attachments, so this part sits below messages (upload, download and removal are in AttachmentsModule). */
@Module({
  providers: [AttachmentRepository],
  exports: [AttachmentRepository],
})
export class AttachmentStoreModule {}
