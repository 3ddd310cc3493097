import {
  type DeliveryAttemptRecorded,
  type DeliveryOutcomeReport,
  DomainError,
  InternalRoutes,
} from '@switchboard/contracts';
import type { InternalClient } from '@switchboard/platform';
import type { MessagingAvailability } from './messaging-availability';
import { type BatchLimits, OutcomeBatcher } from './outcome-batcher';

/**
 * Posts attempt outcomes to messaging-service in batches (one internal call, one transaction for up
 * to `maxItems` outcomes or `maxWaitMs` of them). A caller's promise settles once its outcome is
 * recorded, so a job completes only after that: a worker killed before it runs the job again.
 */
export class OutcomeRecorder {
  private readonly batcher: OutcomeBatcher<DeliveryOutcomeReport, DeliveryAttemptRecorded>;

  constructor(
    private readonly messaging: InternalClient,
    private readonly availability: MessagingAvailability,
    limits: BatchLimits,
  ) {
    this.batcher = new OutcomeBatcher(limits, (outcomes) => this.send(outcomes));
  }

  record(outcome: DeliveryOutcomeReport): Promise<DeliveryAttemptRecorded> {
    return this.batcher.add(outcome);
  }

  drain(): Promise<void> {
    return this.batcher.drain();
  }

  private async send(outcomes: DeliveryOutcomeReport[]): Promise<DeliveryAttemptRecorded[]> {
    try {
      const { recorded } = await this.messaging.call({}, InternalRoutes.recordDeliveryOutcomes, { body: { outcomes } });
      this.availability.markUp();
      return recorded;
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) this.availability.markDown();
      throw error;
    }
  }
}
