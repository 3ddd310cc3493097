import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { PermissionRepository } from './permission.repository';
import { PermissionService } from './permission.service';

/** Organisation and channel permission rules. */
@Module({
  imports: [OutboxModule],
  providers: [PermissionRepository, PermissionService],
  exports: [PermissionService],
})
export class PermissionsModule {}
