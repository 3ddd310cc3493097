import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './env';

export type BoltRecord = Record<string, unknown> & {
  handler?: string;
  event_id?: string;
  text?: string;
  retry_num?: number | null;
};

/** An unmodified Bolt app (test/support/bolt-app.js) as its own process; its handlers' reports, in order. */
export class BoltProcess {
  readonly records: BoltRecord[] = [];
  private child: ChildProcess | null = null;
  private output = '';

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<this> {
    const child = spawn(process.execPath, [path.join(ROOT, 'test/support/bolt-app.js')], {
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith('@@')) this.records.push(JSON.parse(line.slice(2)) as BoltRecord);
        else this.output += `${line}\n`;
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    await this.waitFor((record) => record.started === true || record.fatal !== undefined, 30_000);
    const fatal = this.records.find((record) => record.fatal !== undefined);
    if (fatal) throw new Error(`bolt app failed to start: ${String(fatal.fatal)}\n${this.output}`);
    return this;
  }

  handled(handler: string): BoltRecord[] {
    return this.records.filter((record) => record.handler === handler);
  }

  async waitFor(predicate: (record: BoltRecord) => boolean, timeoutMs = 20_000): Promise<BoltRecord> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.records.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `bolt app: nothing matched within ${timeoutMs} ms; records: ${JSON.stringify(this.records).slice(0, 2000)}\n${this.output.slice(-2000)}`,
    );
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/** A TCP load balancer for tests: each new connection goes to the first target that accepts it. */
export class FailoverProxy {
  private readonly server = net.createServer((client) => this.connect(client, 0));
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly targets: number[]) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  private connect(client: net.Socket, index: number): void {
    if (index >= this.targets.length) return void client.destroy();
    const upstream = net.connect(this.targets[index], '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      this.sockets.add(upstream).add(client);
      client.pipe(upstream).pipe(client);
    });
    upstream.on('error', () => {
      if (!connected) this.connect(client, index + 1);
      else client.destroy();
    });
    upstream.on('close', () => {
      if (connected) client.destroy();
    });
    client.once('error', () => upstream.destroy());
    client.once('close', () => upstream.destroy());
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
