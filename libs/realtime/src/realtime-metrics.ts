import type { Counter, Histogram } from 'prom-client';
import { type MetricsRegistry, counterOn, gaugeOn, histogramOn } from '@switchboard/platform';
import type { ConnectionRegistry } from './connections/connection-registry';
import type { EventHub } from './hub/event-hub';

/** What one realtime replica holds and moves, on its /metrics. */
export class RealtimeMetrics {
  readonly eventsReceived: Counter<'target'>;
  readonly framesSent: Counter;
  readonly fanoutSeconds: Histogram;

  constructor(registry: MetricsRegistry, connections: ConnectionRegistry, hub: EventHub) {
    gaugeOn(registry, 'realtime_connections', 'Open RTM sockets on this replica', () => connections.size);
    gaugeOn(
      registry,
      'realtime_subscriptions',
      'Sharded pub/sub channels this replica is subscribed to',
      () => hub.channelCount,
    );
    this.eventsReceived = counterOn(
      registry,
      'realtime_events_received_total',
      'Events this replica received from Redis, by channel kind',
      ['target'],
    );
    this.framesSent = counterOn(registry, 'realtime_frames_sent_total', 'Event frames written to sockets');
    this.fanoutSeconds = histogramOn(
      registry,
      'realtime_fanout_seconds',
      'From the event being committed to its frames being written on this replica',
      [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
  }
}
