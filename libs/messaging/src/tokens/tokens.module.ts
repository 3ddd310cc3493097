import { Module } from '@nestjs/common';
import { IdsModule } from '../ids/ids.module';
import { ApiTokenService } from './api-token.service';

/** API tokens. */
@Module({
  imports: [IdsModule],
  providers: [ApiTokenService],
  exports: [ApiTokenService],
})
export class TokensModule {}
