import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { INTERNAL_SECRET, TEST_DATABASE_URL } from './env';
import { AppProcess, freePort } from './processes';

/**
 * A TCP round-robin balancer in front of replicas, as a Kubernetes Service is: a connection goes to
 * the next backend that accepts it, so a dead replica costs a refused connect, not an outage.
 */
export class TcpBalancer {
  private server: net.Server | null = null;
  private next = 0;
  port = 0;

  constructor(private readonly backends: () => number[]) {}

  async start(): Promise<this> {
    this.server = net.createServer((client) => this.route(client, 0));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  private route(client: net.Socket, tried: number): void {
    const ports = this.backends();
    if (tried >= ports.length) return void client.destroy();
    const port = ports[this.next++ % ports.length];
    const upstream = net.connect(port, '127.0.0.1');
    client.pause();
    upstream.once('connect', () => {
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.once('error', () => (upstream.connecting ? this.route(client, tried + 1) : client.destroy()));
    client.once('error', () => upstream.destroy());
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** A private redis-server (append-only, so a restart can keep or lose its data): the shared one is never touched. */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'sb-chaos-redis-'));
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port ||= await freePort();
    this.child = spawn(
      'redis-server',
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      if (await accepts(this.port)) return this;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('private redis-server did not start');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** Restart with its data (append-only file replayed), or empty (files removed, as a pod without a volume). */
  async restart(keepData: boolean, downMs: number): Promise<void> {
    await this.stop(keepData ? 'SIGTERM' : 'SIGKILL');
    if (!keepData) {
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(this.dir, { recursive: true });
    }
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * The production shape for fault injection: two messaging-service replicas, two realtime replicas,
 * two webhook dispatchers, an api-gateway, each replicated tier behind a TcpBalancer, on a private Redis.
 */
export class ChaosCluster {
  readonly queuePrefix = `sbchaos-${randomUUID().slice(0, 8)}`;
  redis = new PrivateRedis();
  messaging: AppProcess[] = [];
  realtime: AppProcess[] = [];
  dispatchers: AppProcess[] = [];
  gateway!: AppProcess;
  messagingLb = new TcpBalancer(() => this.messaging.map((app) => app.port));
  realtimeLb = new TcpBalancer(() => this.realtime.map((app) => app.port));

  get apiUrl(): string {
    return this.gateway.url;
  }

  all(): AppProcess[] {
    return [...this.messaging, ...this.realtime, ...this.dispatchers, this.gateway];
  }

  async start(): Promise<this> {
    await this.redis.start();
    await Promise.all([this.messagingLb.start(), this.realtimeLb.start()]);
    const messagingUrl = `http://127.0.0.1:${this.messagingLb.port}`;
    const common = {
      REDIS_URL: this.redis.url,
      INTERNAL_API_SECRET: INTERNAL_SECRET,
      MESSAGING_SERVICE_URL: messagingUrl,
    };
    for (let i = 0; i < 2; i++) {
      this.messaging.push(
        new AppProcess('messaging-service', await freePort(), {
          DATABASE_URL: TEST_DATABASE_URL,
          REDIS_URL: this.redis.url,
          INTERNAL_API_SECRET: INTERNAL_SECRET,
          OUTBOX_POLL_INTERVAL_MS: '200',
          QUEUE_PREFIX: this.queuePrefix,
          SHUTDOWN_GRACE_MS: '2000',
          WEBHOOK_PENDING_SWEEP_SECONDS: '10',
        }),
      );
    }
    await this.messaging[0].start();
    await this.messaging[1].start();
    for (let i = 0; i < 2; i++)
      this.realtime.push(
        new AppProcess('realtime-gateway', await freePort(), { ...common, ZULIP_HEARTBEAT_SECONDS: '2' }),
      );
    for (let i = 0; i < 2; i++) {
      this.dispatchers.push(
        new AppProcess('webhook-dispatcher', await freePort(), {
          ...common,
          QUEUE_PREFIX: this.queuePrefix,
          WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
          WEBHOOK_BACKOFF_BASE_MS: '200',
          WEBHOOK_BACKOFF_MAX_MS: '1000',
          WEBHOOK_JOB_LOCK_MS: '3000',
          WEBHOOK_TIMEOUT_MS: '2000',
        }),
      );
    }
    this.gateway = new AppProcess('api-gateway', await freePort(), {
      ...common,
      REALTIME_PUBLIC_URL: `ws://127.0.0.1:${this.realtimeLb.port}`,
      REALTIME_SERVICE_URL: `http://127.0.0.1:${this.realtimeLb.port}`,
      AUTH_CACHE_SECONDS: '10',
      REQUESTS_PER_TOKEN_PER_MINUTE: '0',
      REQUESTS_PER_IP_PER_MINUTE: '0',
      RTM_CONNECTS_PER_MINUTE: '0',
      API_REQUESTS_PER_MINUTE: '0',
    });
    await Promise.all([...this.realtime, ...this.dispatchers, this.gateway].map((app) => app.start()));
    return this;
  }

  /** The messaging-service replica that currently leads the outbox relay (its metrics say so). */
  async relayLeader(): Promise<AppProcess> {
    for (let attempt = 0; attempt < 50; attempt++) {
      for (const app of this.messaging) {
        const metrics = await fetch(`${app.url}/metrics`).then(
          (r) => r.text(),
          () => '',
        );
        if (/^outbox_relay_leader(\{[^}]*\})? 1$/m.test(metrics)) return app;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('no relay leader found');
  }

  async stop(): Promise<void> {
    await Promise.all(this.all().map((app) => app.stop('SIGKILL').catch(() => undefined)));
    await Promise.all([this.messagingLb.stop(), this.realtimeLb.stop()]);
    await this.redis.dispose();
  }
}
