import { Query } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import { type MessageView, SearchMessagesQuery, SearchThreadsQuery, InternalRoutes } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { AttachmentService } from '../attachments/attachment.service';
import { SearchService } from '../search/search.service';
import { Actor } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

@InternalController()
export class InternalSearchController {
  constructor(
    private readonly search: SearchService,
    private readonly attachments: AttachmentService,
  ) {}

  @InternalRoute(InternalRoutes.searchMessages)
  async messages(@Actor() actor: UserEntity, @Query() query: SearchMessagesQuery): Promise<MessageView[]> {
    return this.attachments.withAttachments(actor.id, await this.search.messages(actor, query));
  }

  @InternalRoute(InternalRoutes.searchThreads)
  async threads(@Actor() actor: UserEntity, @Query() query: SearchThreadsQuery): Promise<MessageView[]> {
    return this.attachments.withAttachments(actor.id, await this.search.threads(actor, query));
  }
}
