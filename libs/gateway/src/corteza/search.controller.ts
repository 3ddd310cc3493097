import { Get, Query } from '@nestjs/common';
import { SearchMessagesQuery, SearchThreadsQuery, InternalRoutes } from '@switchboard/contracts';
import { type CortezaMessage, toCortezaMessage } from './corteza-views';
import { ForwardsToMessaging } from './messaging-forwarder';
import { CortezaController } from './corteza-controller.decorator';
import { type Caller, CurrentCaller } from './caller';

/** Full-text search over what the caller may read; `[]string` filters as repeated keys, `key[]=` or a JSON array. */
@CortezaController('search')
export class SearchController extends ForwardsToMessaging {
  @Get('messages')
  async messages(@CurrentCaller() caller: Caller, @Query() query: SearchMessagesQuery): Promise<CortezaMessage[]> {
    return (
      await this.messaging.callForViewer(caller, InternalRoutes.searchMessages, {
        query: { ...query },
      })
    ).map(toCortezaMessage);
  }

  @Get('threads')
  async threads(@CurrentCaller() caller: Caller, @Query() query: SearchThreadsQuery): Promise<CortezaMessage[]> {
    return (
      await this.messaging.callForViewer(caller, InternalRoutes.searchThreads, {
        query: { ...query },
      })
    ).map(toCortezaMessage);
  }
}
