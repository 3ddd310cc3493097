import { Injectable } from '@nestjs/common';
import {
  type BatchedPostDto,
  InternalRoutes,
  MAX_POST_BATCH,
  type MessageView,
  type PlainPostBody,
  type Principal,
} from '@switchboard/contracts';
import { InternalClient, internalAnswer } from '@switchboard/platform';

/** Batches on their way to messaging-service at once; posts beyond wait and go together in the next. */
const MAX_BATCHES_IN_FLIGHT = 4;

interface Pending {
  post: BatchedPostDto;
  resolve(view: MessageView): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the internal hop: top-level posts (with the poster's capabilities, as the
 * Corteza dialect asks) go to messaging-service as batches (`InternalRoutes.postMessages`). While
 * fewer than MAX_BATCHES_IN_FLIGHT are on their way a post leaves at once, alone, so a quiet
 * gateway adds no wait; under load the posts that arrive meanwhile share the next request, so an
 * HTTP exchange on both sides of the hop serves many posts instead of one. Each post still gets
 * its own answer or error, as its own call would have.
 */
@Injectable()
export class PostCoalescer {
  private readonly waiting: Pending[] = [];
  private inFlight = 0;

  constructor(private readonly messaging: InternalClient) {}

  post(principal: Principal, channelId: string, body: PlainPostBody): Promise<MessageView> {
    const post: BatchedPostDto = { actorId: principal.user.userId, channelId, message: body.message };
    if (body.topic !== undefined) post.topic = body.topic;
    return new Promise((resolve, reject) => {
      this.waiting.push({ post, resolve, reject });
      if (this.inFlight < MAX_BATCHES_IN_FLIGHT) this.send();
    });
  }

  private send(): void {
    const batch = this.waiting.splice(0, MAX_POST_BATCH);
    this.inFlight++;
    this.messaging
      .call({}, InternalRoutes.postMessages, { body: { posts: batch.map((pending) => pending.post) } })
      .then(
        ({ answers }) =>
          batch.forEach((pending, index) => {
            const answer = answers[index];
            try {
              pending.resolve(internalAnswer<MessageView>(answer?.status ?? 500, answer?.body));
            } catch (error: unknown) {
              pending.reject(error);
            }
          }),
        (error: unknown) => batch.forEach((pending) => pending.reject(error)),
      )
      .finally(() => {
        this.inFlight--;
        if (this.waiting.length > 0) this.send();
      });
  }
}
