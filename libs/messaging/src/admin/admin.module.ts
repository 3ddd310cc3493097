import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { TokensModule } from '../tokens/tokens.module';
import { AdminService } from './admin.service';

/** The admin CLI commands. */
@Module({
  imports: [UsersModule, OrganisationsModule, TokensModule],
  providers: [AdminService],
  exports: [AdminService],
})
export class AdminModule {}
