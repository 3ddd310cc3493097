import { Injectable } from '@nestjs/common';
import {
  type BatchedPostDto,
  DomainError,
  ErrorCode,
  type PostBatchAnswer,
  checkPostBody,
  isId,
} from '@switchboard/contracts';
import { DialectErrorFilter, validationError } from '@switchboard/platform';
import { InternalAuthGuard } from '../internal/internal-auth.guard';
import { ViewerCapabilitiesService } from '../views/viewer-capabilities.service';
import { MessageService } from './message.service';

type Answer = PostBatchAnswer['answers'][number];

/**
 * Runs a batch of posts (`InternalRoutes.postMessages`) at once, so that they share the group
 * commit, and answers each as its own `postMessage` call with capabilities would have: the view
 * with status 201, or the error body and status that call would have got.
 */
@Injectable()
export class PostBatchService {
  private readonly errors = new DialectErrorFilter('corteza');

  constructor(
    private readonly auth: InternalAuthGuard,
    private readonly messages: MessageService,
    private readonly capabilities: ViewerCapabilitiesService,
  ) {}

  async run(posts: readonly BatchedPostDto[]): Promise<PostBatchAnswer> {
    return { answers: await Promise.all(posts.map((post) => this.one(post))) };
  }

  private async one(post: BatchedPostDto): Promise<Answer> {
    try {
      const actor = await this.auth.actorById(post.actorId);
      if (!isId(post.channelId))
        throw new DomainError(ErrorCode.BadRequest, `Not a valid id: ${String(post.channelId).slice(0, 40)}`);
      const checked = checkPostBody(
        post.topic === undefined ? { message: post.message } : { message: post.message, topic: post.topic },
      );
      if ('details' in checked) throw validationError(checked.details);
      if ('unusual' in checked) throw new DomainError(ErrorCode.BadRequest, 'Not a post');
      const view = await this.messages.post(
        actor,
        post.channelId,
        checked.body.message,
        undefined,
        undefined,
        checked.body.topic,
      );
      await this.capabilities.decorate(actor, view);
      return { status: 201, body: view };
    } catch (exception: unknown) {
      // As the Corteza dialect renders it for a single call (its headers matter to no edge here).
      const error = this.errors.report(exception);
      return { status: error.status, body: error.toBody() };
    }
  }
}
