import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { ROOT } from './env';
import { httpRequest } from './http';

/** Every app process this test process started; none may outlive it (a stuck Jest would hang CI). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export type AppName = 'api-gateway' | 'messaging-service' | 'realtime-gateway' | 'webhook-dispatcher';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** One app started from the build output as its own process, as compose and Kubernetes start it. */
export class AppProcess {
  private child: ChildProcess | null = null;
  readonly output: string[] = [];
  exitCode: number | null = null;

  constructor(
    readonly name: AppName,
    public port: number,
    readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the app; if another process took the port first (parallel test runs), retries on a new one. */
  async start(): Promise<this> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.spawnOnce();
        return this;
      } catch (error) {
        const lostPort = this.output.join('').includes('EADDRINUSE');
        if (!lostPort || attempt >= 3) throw error;
        this.output.length = 0;
        this.port = await freePort();
      }
    }
  }

  private async spawnOnce(): Promise<void> {
    this.exitCode = null;
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps', this.name, 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: process.env.TEST_APP_LOG_LEVEL ?? 'warn',
        ...this.env,
        PORT: String(this.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    running.add(child);
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 500) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      if (signal) this.output.push(`[${this.name} killed by ${signal}]\n`);
      this.exitCode = code ?? -1;
      running.delete(child);
    });
    await this.waitReady();
  }

  async waitReady(timeoutMs = 60000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== null)
        throw new Error(`${this.name} exited with ${this.exitCode}:\n${this.output.join('')}`);
      try {
        // Only our own child counts: another test run may have taken the port.
        const live = JSON.parse((await httpRequest(`${this.url}/health/live`)).text) as { pid?: number };
        if (live.pid === this.child?.pid && (await httpRequest(`${this.url}/health/ready`)).status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms:\n${this.output.join('')}`);
  }

  /** Sends a signal without waiting (SIGSTOP/SIGCONT freeze and thaw the process, as a stalled pod). */
  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** SIGTERM (graceful) or SIGKILL (a crash); resolves when the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || this.exitCode !== null) return this.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    const code = await exited;
    this.child = null;
    return code;
  }
}
