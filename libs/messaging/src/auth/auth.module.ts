import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { AppsModule } from '../apps/apps.module';
import { AuthService } from './auth.service';

/** Resolving tokens and credentials to principals. */
@Module({
  imports: [TokensModule, OrganisationsModule, AppsModule],
  providers: [AuthService],
  exports: [AuthService],
})
export class AuthModule {}
