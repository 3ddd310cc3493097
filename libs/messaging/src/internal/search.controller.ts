import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { INTERNAL_PREFIX, type MessageView, SearchMessagesQuery, SearchThreadsQuery } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { SearchService } from '../search/search.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

@Controller(`${INTERNAL_PREFIX}/search`)
@UseGuards(InternalAuthGuard)
export class InternalSearchController {
  constructor(private readonly search: SearchService) {}

  @Get('messages')
  messages(@Actor() actor: UserEntity, @Query() query: SearchMessagesQuery): Promise<MessageView[]> {
    return this.search.messages(actor, query);
  }

  @Get('threads')
  threads(@Actor() actor: UserEntity, @Query() query: SearchThreadsQuery): Promise<MessageView[]> {
    return this.search.threads(actor, query);
  }
}
