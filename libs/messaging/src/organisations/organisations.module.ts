import { Module } from '@nestjs/common';
import { IdsModule } from '../ids/ids.module';
import { OrganisationService } from './organisation.service';

/** Organisations. */
@Module({
  imports: [IdsModule],
  providers: [OrganisationService],
  exports: [OrganisationService],
})
export class OrganisationsModule {}
