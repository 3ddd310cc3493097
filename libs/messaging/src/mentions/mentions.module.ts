import { Module } from '@nestjs/common';
import { MentionRepository } from './mention.repository';

/** Who a message mentions. */
@Module({
  providers: [MentionRepository],
  exports: [MentionRepository],
})
export class MentionsModule {}
