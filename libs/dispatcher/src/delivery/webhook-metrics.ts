import type { Counter, Histogram } from 'prom-client';

type Child = { inc: () => void };
import { type MetricsRegistry, counterOn, histogramOn } from '@switchboard/platform';

export type DeliveryOutcomeLabel = 'delivered' | 'dead' | 'skipped';
export type AttemptResultLabel = 'delivered' | 'retry' | 'dead' | 'deferred';

const OUTCOMES: DeliveryOutcomeLabel[] = ['delivered', 'dead', 'skipped'];
const RESULTS: AttemptResultLabel[] = ['delivered', 'retry', 'dead', 'deferred'];

/**
 * The dispatcher's delivery counters, on the process's /metrics. Each label value's child is
 * made once here, so a delivery does not look its series up by label (hashing the labels).
 */
export class WebhookMetrics {
  private readonly deliveriesBy: Record<DeliveryOutcomeLabel, Child>;
  private readonly attemptsBy: Record<AttemptResultLabel, Child>;
  private readonly deliveries: Counter<'outcome'>;
  private readonly attempts: Counter<'result'>;
  private readonly attemptSeconds: Histogram;
  private readonly enqueueToDeliverySeconds: Histogram;

  constructor(registry: MetricsRegistry) {
    this.deliveries = counterOn(registry, 'webhook_deliveries_total', 'Deliveries finished, by outcome', ['outcome']);
    this.attempts = counterOn(
      registry,
      'webhook_delivery_attempts_total',
      'HTTP attempts, by result (deferred: waited for a per-target slot or for messaging-service)',
      ['result'],
    );
    this.attemptSeconds = histogramOn(
      registry,
      'webhook_delivery_attempt_duration_seconds',
      'Time of one POST to a target, answer read',
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
    this.enqueueToDeliverySeconds = histogramOn(
      registry,
      'webhook_enqueue_to_delivery_seconds',
      'From the job being enqueued to a 2xx answer',
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    );
    this.deliveriesBy = childrenOf(this.deliveries, OUTCOMES);
    this.attemptsBy = childrenOf(this.attempts, RESULTS);
  }

  finished(outcome: DeliveryOutcomeLabel): void {
    this.deliveriesBy[outcome].inc();
  }

  attempt(result: AttemptResultLabel, seconds?: number): void {
    this.attemptsBy[result].inc();
    if (seconds !== undefined) this.attemptSeconds.observe(seconds);
  }

  delivered(enqueueToDeliverySeconds: number): void {
    this.enqueueToDeliverySeconds.observe(enqueueToDeliverySeconds);
  }
}

function childrenOf<L extends string>(counter: Counter<string>, values: L[]): Record<L, Child> {
  return Object.fromEntries(values.map((value) => [value, counter.labels(value)])) as Record<L, Child>;
}
