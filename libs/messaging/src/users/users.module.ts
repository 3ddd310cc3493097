import { Module } from '@nestjs/common';
import { IdsModule } from '../ids/ids.module';
import { OutboxModule } from '../outbox/outbox.module';
import { UserRepository } from './user.repository';
import { ActorCache } from './actor-cache';
import { UserService } from './user.service';
import { ProfileService } from './profile.service';

/** Users, their profiles and the cache of acting users. */
@Module({
  imports: [IdsModule, OutboxModule],
  providers: [UserRepository, ActorCache, UserService, ProfileService],
  exports: [UserRepository, ActorCache, UserService, ProfileService],
})
export class UsersModule {}
