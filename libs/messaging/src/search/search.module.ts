import { Module } from '@nestjs/common';
import { AnnotationStoreModule } from '../annotations/annotation-store.module';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';

/** Full-text message search. */
@Module({
  imports: [AnnotationStoreModule],
  providers: [SearchRepository, SearchService],
  exports: [SearchService],
})
export class SearchModule {}
