import { Get, Query } from '@nestjs/common';
import { type Principal, SearchMessagesQuery, SearchThreadsQuery, InternalRoutes } from '@switchboard/contracts';
import { CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { type CortezaMessage, toCortezaMessage } from './corteza-views';
import { MessagingForwarder } from './messaging-forwarder';
import { CortezaController } from './corteza-controller.decorator';

/** Full-text search over what the caller may read; `[]string` filters as repeated keys, `key[]=` or a JSON array. */
@CortezaController('search')
export class SearchController {
  constructor(private readonly messaging: MessagingForwarder) {}

  @Get('messages')
  async messages(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Query() query: SearchMessagesQuery,
  ): Promise<CortezaMessage[]> {
    return (
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.searchMessages, {
        query: { ...query },
      })
    ).map(toCortezaMessage);
  }

  @Get('threads')
  async threads(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Query() query: SearchThreadsQuery,
  ): Promise<CortezaMessage[]> {
    return (
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.searchThreads, {
        query: { ...query },
      })
    ).map(toCortezaMessage);
  }
}
