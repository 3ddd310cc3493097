import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { IdsModule } from '../ids/ids.module';
import { MessagesModule } from '../messages/messages.module';
import { MessagingConfig } from '../messaging.config';
import { OutboxModule } from '../outbox/outbox.module';
import { queueProducer } from '../queues/queue-producer';
import { UsersModule } from '../users/users.module';
import { AttachmentRemovalQueue } from './attachment-removal.queue';
import { AttachmentRemovalService } from './attachment-removal.service';
import { AttachmentRemovalSweeper } from './attachment-removal.sweeper';
import { AttachmentStoreModule } from './attachment-store.module';
import { AttachmentService } from './attachment.service';
import { AttachmentStorage } from './storage/attachment-storage';
import { LocalDiskStorage } from './storage/local-disk.storage';
import { S3Storage } from './storage/s3.storage';

function attachmentStorage(config: MessagingConfig): AttachmentStorage {
  if (config.ATTACHMENT_STORAGE === 'local') return new LocalDiskStorage(config.ATTACHMENT_DIR);
  if (!config.S3_BUCKET) throw new Error('ATTACHMENT_STORAGE=s3 needs S3_BUCKET');
  return new S3Storage({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT || undefined,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    accessKeyId: config.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY || undefined,
  });
}

/** Uploading, serving and removing attachment files (local disk or S3). */
@Module({
  imports: [AttachmentStoreModule, MessagesModule, ChannelsModule, UsersModule, IdsModule, OutboxModule],
  providers: [
    { provide: AttachmentStorage, inject: [MessagingConfig], useFactory: attachmentStorage },
    AttachmentService,
    queueProducer(AttachmentRemovalQueue, 'attachment-removal-queue'),
    AttachmentRemovalService,
    AttachmentRemovalSweeper,
  ],
  exports: [AttachmentService, AttachmentRemovalService],
})
export class AttachmentsModule {}
