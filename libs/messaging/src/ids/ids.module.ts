import { Module } from '@nestjs/common';
import { IdGenerator } from './id-generator';

/** Database-issued ids. */
@Module({
  providers: [IdGenerator],
  exports: [IdGenerator],
})
export class IdsModule {}
