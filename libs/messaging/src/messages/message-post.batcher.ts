import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Counter, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { MetricsRegistry, counterOn, histogramOn } from '@switchboard/platform';
import { preparedRows } from '../sql/prepared-rows';
import { OutboxHandoff } from '../outbox/outbox-handoff';
import type { OutboxRow } from '../outbox/outbox-cursor.store';
import { type BatchedPost, type InsertedPost, POST_BATCH_SQL, postBatchParams } from './message-batch.statement';

const MAX_BATCH = 100;

interface Waiter {
  post: BatchedPost;
  /** performance.now() when it was submitted. */
  queuedAt: number;
  resolve(result: InsertedPost | null): void;
  reject(error: unknown): void;
}

/**
 * Group commit for posts. Per organisation, one batch statement is in flight at a time; posts that
 * arrive meanwhile wait and go together in the next one. An idle organisation's post goes at once
 * (no added latency), a busy one's share a commit and one counter update instead of queueing one
 * by one on the counter's row lock.
 */
@Injectable()
export class MessagePostBatcher {
  private readonly logger = new Logger(MessagePostBatcher.name);
  private readonly queues = new Map<string, Waiter[]>();
  private readonly batchSize: Histogram | null;
  private readonly outcomes: Counter<'outcome'> | null;
  private readonly statementSeconds: Histogram | null;
  private readonly waitSeconds: Histogram | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly handoff: OutboxHandoff,
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
    const buckets = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
    this.statementSeconds = registry
      ? histogramOn(
          registry,
          'message_post_batch_statement_seconds',
          'A batch statement, from sending to its answer',
          buckets,
        )
      : null;
    this.waitSeconds = registry
      ? histogramOn(
          registry,
          'message_post_batch_wait_seconds',
          "How long a post waited for its organisation's previous batch statement",
          buckets,
        )
      : null;
  }

  /**
   * Opens the pool's connections and prepares the statement on each, before the first post: a
   * connection's first use of it costs a parse and a plan (≈ 6 ms of PostgreSQL CPU, 10–30 ms on a
   * busy machine), and paid on the first burst, on every connection the burst opens, that made the
   * burst's first second the slowest of all. An empty batch writes nothing. The pool keeps its
   * connections (DataSource options), so this stays paid. The server calls it before it listens (not
   * the admin CLI, which posts nothing).
   */
  async prepareConnections(): Promise<void> {
    const size = (this.db.options.extra as { max?: number } | undefined)?.max ?? 1;
    await Promise.all(Array.from({ length: size }, () => this.statement('0', [], true)));
  }

  /** Resolves with the inserted row, or null when a check refused the post (the caller takes the ordinary path). */
  submit(organisationId: string, post: BatchedPost): Promise<InsertedPost | null> {
    return new Promise((resolve, reject) => {
      const waiter = { post, queuedAt: performance.now(), resolve, reject };
      const queue = this.queues.get(organisationId);
      if (queue) return void queue.push(waiter);
      this.queues.set(organisationId, [waiter]);
      void this.drain(organisationId);
    });
  }

  private async drain(organisationId: string): Promise<void> {
    const queue = this.queues.get(organisationId)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      this.batchSize?.observe(batch.length);
      const now = performance.now();
      for (const waiter of batch) this.waitSeconds?.observe((now - waiter.queuedAt) / 1000);
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
    const started = process.hrtime.bigint();
    // Decided when the statement goes: a relay that stops leading meanwhile loses the hand-over, and
    // the next leader finds the rows by polling (OutboxHandoff).
    const handOver = this.handoff.relayLeads;
    try {
      const rows = await this.statement(organisationId, posts, !handOver);
      if (handOver) this.handoff.offer(outboxRows(organisationId, posts, rows));
      return rows;
    } finally {
      this.statementSeconds?.observe(Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  private statement(organisationId: string, posts: BatchedPost[], notify: boolean): Promise<InsertedPost[]> {
    return preparedRows<InsertedPost>(
      this.db,
      'post_batch',
      POST_BATCH_SQL,
      postBatchParams(organisationId, posts, notify),
    );
  }
}

/** The outbox rows the statement wrote, as the relay would read them, in event order. */
function outboxRows(organisationId: string, posts: BatchedPost[], rows: InsertedPost[]): OutboxRow[] {
  return rows
    .map((row) => ({
      id: row.outbox_id,
      organisation_id: organisationId,
      event_id: row.event_id,
      type: 'message.created' as const,
      actor_id: posts[row.idx].userId,
      audience: { conversationId: posts[row.idx].channelId },
      payload: row.payload,
      created_at: row.occurred_at,
    }))
    .sort((a, b) => (BigInt(a.event_id) < BigInt(b.event_id) ? -1 : 1));
}

function isServerError(error: unknown): boolean {
  return (
    typeof (error as { code?: unknown })?.code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code)
  );
}
