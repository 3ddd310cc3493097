import { randomUUID } from 'node:crypto';
import { AppProcess, freePort } from './processes';
import { INTERNAL_SECRET, TEST_DATABASE_URL, TEST_REDIS_URL } from './env';

export interface ClusterOptions {
  realtimeReplicas?: number;
  withDispatcher?: boolean;
  messagingEnv?: Record<string, string>;
  dispatcherEnv?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
  realtimeEnv?: Record<string, string>;
}

/** The four apps as separate processes on free ports, wired the way production wires them. */
export class Cluster {
  messaging!: AppProcess;
  gateway!: AppProcess;
  realtime: AppProcess[] = [];
  dispatcher: AppProcess | null = null;

  static async start(options: ClusterOptions = {}): Promise<Cluster> {
    const cluster = new Cluster();
    await cluster.boot(options);
    return cluster;
  }

  get apiUrl(): string {
    return this.gateway.url;
  }

  /** Each cluster has its own BullMQ keys, so no other test run's worker takes its jobs. */
  readonly queuePrefix = `sbtest-${randomUUID().slice(0, 8)}`;

  messagingProcess(env: Record<string, string> = {}, port = this.messaging?.port): AppProcess {
    return new AppProcess('messaging-service', port, {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      INTERNAL_API_SECRET: INTERNAL_SECRET,
      OUTBOX_POLL_INTERVAL_MS: '200',
      QUEUE_PREFIX: this.queuePrefix,
      ...env,
    });
  }

  private async boot(options: ClusterOptions): Promise<void> {
    this.messaging = await this.messagingProcess(options.messagingEnv, await freePort()).start();
    const common = {
      REDIS_URL: TEST_REDIS_URL,
      INTERNAL_API_SECRET: INTERNAL_SECRET,
      MESSAGING_SERVICE_URL: this.messaging.url,
    };
    const realtimePorts = await Promise.all(Array.from({ length: options.realtimeReplicas ?? 1 }, () => freePort()));
    this.realtime = realtimePorts.map(
      (port) => new AppProcess('realtime-gateway', port, { ...common, ...options.realtimeEnv }),
    );
    await Promise.all(this.realtime.map((app) => app.start()));
    this.gateway = new AppProcess('api-gateway', await freePort(), {
      ...common,
      REALTIME_PUBLIC_URL: `ws://127.0.0.1:${this.realtime[0].port}`,
      REALTIME_SERVICE_URL: `http://127.0.0.1:${this.realtime[0].port}`,
      ...options.gatewayEnv,
    });
    const starting: Promise<unknown>[] = [this.gateway.start()];
    if (options.withDispatcher) {
      this.dispatcher = new AppProcess('webhook-dispatcher', await freePort(), {
        ...common,
        QUEUE_PREFIX: this.queuePrefix,
        ...options.dispatcherEnv,
      });
      starting.push(this.dispatcher.start());
    }
    await Promise.all(starting);
  }

  async stop(): Promise<void> {
    await Promise.all(
      [this.gateway, ...this.realtime, this.dispatcher]
        .filter((app): app is AppProcess => app !== null)
        .map((app) => app.stop()),
    );
    await this.messaging.stop();
  }
}
