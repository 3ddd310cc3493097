import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { Counter, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { MetricsRegistry, counterOn, histogramOn } from '@switchboard/platform';
import { type BatchedPost, type InsertedPost, POST_BATCH_SQL, postBatchParams } from './message-batch.statement';

const MAX_BATCH = 100;

interface Waiter {
  post: BatchedPost;
  resolve(result: InsertedPost | null): void;
  reject(error: unknown): void;
}

/**
 * Group commit for posts. Per organisation, one batch statement is in flight at a time; posts that
 * arrive meanwhile wait and go together in the next one. An idle organisation's post goes at once
 * (no added latency), a busy one's share a commit and one counter update instead of queueing one
 * by one on the counter's row lock. Runs as a named prepared statement on the pool directly.
 */
@Injectable()
export class MessagePostBatcher {
  private readonly logger = new Logger(MessagePostBatcher.name);
  private readonly queues = new Map<string, Waiter[]>();
  private readonly batchSize: Histogram | null;
  private readonly outcomes: Counter<'outcome'> | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() registry?: MetricsRegistry,
  ) {
    this.batchSize = registry
      ? histogramOn(
          registry,
          'message_post_batch_size',
          'Posts committed together by one batch statement',
          [1, 2, 4, 8, 16, 32, 64, 100],
        )
      : null;
    this.outcomes = registry
      ? counterOn(
          registry,
          'message_post_batch_posts_total',
          'Posts sent to the batch statement, by outcome (refused and failed ones take the ordinary path)',
          ['outcome'],
        )
      : null;
  }

  /** Resolves with the inserted row, or null when a check refused the post (the caller takes the ordinary path). */
  submit(organisationId: string, post: BatchedPost): Promise<InsertedPost | null> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(organisationId);
      if (queue) return void queue.push({ post, resolve, reject });
      this.queues.set(organisationId, [{ post, resolve, reject }]);
      void this.drain(organisationId);
    });
  }

  private async drain(organisationId: string): Promise<void> {
    const queue = this.queues.get(organisationId)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      this.batchSize?.observe(batch.length);
      try {
        const rows = await this.run(
          organisationId,
          batch.map((waiter) => waiter.post),
        );
        const byIndex = new Map(rows.map((row) => [row.idx, row]));
        batch.forEach((waiter, index) => waiter.resolve(byIndex.get(index) ?? null));
        this.outcomes?.inc({ outcome: 'inserted' }, rows.length);
        if (rows.length < batch.length) this.outcomes?.inc({ outcome: 'refused' }, batch.length - rows.length);
      } catch (error) {
        this.outcomes?.inc({ outcome: 'failed' }, batch.length);
        // PostgreSQL refused the statement (a constraint, say), so nothing of it was applied: each
        // post takes the ordinary path, which finds its own answer. Without a server error the outcome
        // is unknown (the connection broke): retrying could post twice, so the caller hears 503.
        if (isServerError(error)) {
          this.logger.warn({
            msg: 'post batch refused, posting one by one',
            err: (error as Error).message,
            posts: batch.length,
          });
          batch.forEach((waiter) => waiter.resolve(null));
        } else {
          batch.forEach((waiter) =>
            waiter.reject(
              new DomainError(
                ErrorCode.Unavailable,
                'The database did not answer; the message may or may not have been posted',
              ),
            ),
          );
        }
      }
    }
    this.queues.delete(organisationId);
  }

  private async run(organisationId: string, posts: BatchedPost[]): Promise<InsertedPost[]> {
    const pool = (this.db.driver as unknown as { master: Pool }).master;
    const result = await pool.query<InsertedPost>({
      name: 'post_batch',
      text: POST_BATCH_SQL,
      values: postBatchParams(organisationId, posts),
    });
    return result.rows;
  }
}

function isServerError(error: unknown): boolean {
  return (
    typeof (error as { code?: unknown })?.code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code)
  );
}
