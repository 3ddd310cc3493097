import { Injectable } from '@nestjs/common';
import type { MessageView, SearchMessagesQuery, SearchThreadsQuery } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { MessageAnnotator } from '../annotations/message-annotator';
import { SearchRepository } from './search.repository';

const DEFAULT_LIMIT = 50;

/** /search/messages and /search/threads: only ever over channels the caller may read. */
@Injectable()
export class SearchService {
  constructor(
    private readonly search: SearchRepository,
    private readonly annotator: MessageAnnotator,
  ) {}

  async messages(actor: UserEntity, query: SearchMessagesQuery): Promise<MessageView[]> {
    const rows = await this.search.messages({
      ...scope(actor, query),
      threadIds: query.threadID,
      userIds: query.userID,
      types: query.type,
      afterId: query.afterMessageID,
      beforeId: query.beforeMessageID,
      fromId: query.fromMessageID,
      toId: query.toMessageID,
      pinnedOnly: query.pinnedOnly,
      bookmarkedOnly: query.bookmarkedOnly,
    });
    return this.annotator.views(rows, actor.id);
  }

  async threads(actor: UserEntity, query: SearchThreadsQuery): Promise<MessageView[]> {
    const rows = await this.search.threads(scope(actor, query));
    return this.annotator.views(rows, actor.id);
  }
}

/** What both searches take alike: the viewer's organisation, the words, the channels and the page size. */
function scope(actor: UserEntity, query: SearchThreadsQuery) {
  return {
    organisationId: actor.organisationId,
    viewerId: actor.id,
    query: query.query?.trim() || undefined,
    channelIds: query.channelID,
    limit: query.limit ?? DEFAULT_LIMIT,
  };
}
