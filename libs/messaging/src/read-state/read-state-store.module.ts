import { Module } from '@nestjs/common';
import { ReadStateRepository } from './read-state.repository';
import { ReadMarkerRepository } from './read-marker.repository';

/** Read states and markers as stored: channels and messages write them, so this part sits below both (the services are in ReadStateModule). */
@Module({
  providers: [ReadStateRepository, ReadMarkerRepository],
  exports: [ReadStateRepository, ReadMarkerRepository],
})
export class ReadStateStoreModule {}
