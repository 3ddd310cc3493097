import { Module } from '@nestjs/common';
import { Clock } from './clock';

/** The time, replaceable in tests. */
@Module({
  providers: [Clock],
  exports: [Clock],
})
export class ClockModule {}
