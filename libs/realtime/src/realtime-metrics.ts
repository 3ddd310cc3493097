import { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsRegistry } from '@switchboard/platform';
import type { ConnectionRegistry } from './connections/connection-registry';
import type { EventHub } from './hub/event-hub';

/** What one realtime replica holds and moves, on its /metrics. */
export class RealtimeMetrics {
  readonly eventsReceived: Counter<'target'>;
  readonly framesSent: Counter;
  readonly fanoutSeconds: Histogram;

  constructor(registry: MetricsRegistry, connections: ConnectionRegistry, hub: EventHub) {
    new Gauge({
      name: 'realtime_connections',
      help: 'Open RTM sockets on this replica',
      registers: [registry],
      collect() {
        this.set(connections.size);
      },
    });
    new Gauge({
      name: 'realtime_subscriptions',
      help: 'Sharded pub/sub channels this replica is subscribed to',
      registers: [registry],
      collect() {
        this.set(hub.channelCount);
      },
    });
    this.eventsReceived = new Counter({
      name: 'realtime_events_received_total',
      help: 'Events this replica received from Redis, by channel kind',
      labelNames: ['target'],
      registers: [registry],
    });
    this.framesSent = new Counter({
      name: 'realtime_frames_sent_total',
      help: 'Event frames written to sockets',
      registers: [registry],
    });
    this.fanoutSeconds = new Histogram({
      name: 'realtime_fanout_seconds',
      help: 'From the event being committed to its frames being written on this replica',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }
}
