import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { INTERNAL_PREFIX, type MessageView, SearchMessagesQuery, SearchThreadsQuery } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { AttachmentService } from '../attachments/attachment.service';
import { SearchService } from '../search/search.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

@Controller(`${INTERNAL_PREFIX}/search`)
@UseGuards(InternalAuthGuard)
export class InternalSearchController {
  constructor(
    private readonly search: SearchService,
    private readonly attachments: AttachmentService,
  ) {}

  @Get('messages')
  async messages(@Actor() actor: UserEntity, @Query() query: SearchMessagesQuery): Promise<MessageView[]> {
    return this.attachments.withAttachments(actor.id, await this.search.messages(actor, query));
  }

  @Get('threads')
  async threads(@Actor() actor: UserEntity, @Query() query: SearchThreadsQuery): Promise<MessageView[]> {
    return this.attachments.withAttachments(actor.id, await this.search.threads(actor, query));
  }
}
