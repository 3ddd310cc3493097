import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes';
import { eventually } from './webhook-receiver';

const run = promisify(execFile);

/**
 * A real Redis Cluster of three primaries on free ports, in a temporary directory. The cluster bus
 * port is chosen too (`--cluster-port`): the default, port + 10000, may not exist for a high port.
 */
export class RedisClusterProcess {
  private constructor(
    private readonly servers: ChildProcess[],
    readonly ports: number[],
    private readonly workdir: string,
  ) {}

  /** `redis+cluster://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3` */
  get url(): string {
    return `redis+cluster://${this.ports.map((port) => `127.0.0.1:${port}`).join(',')}`;
  }

  static async start(nodes = 3): Promise<RedisClusterProcess> {
    const workdir = mkdtempSync(path.join(tmpdir(), 'sb-redis-cluster-'));
    const ports: number[] = [];
    const servers: ChildProcess[] = [];
    const started = new RedisClusterProcess(servers, ports, workdir);
    try {
      for (let index = 0; index < nodes; index++) {
        const [port, busPort] = [await freePort(), await freePort()];
        ports.push(port);
        const args = [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-port',
          String(busPort),
          '--cluster-config-file',
          path.join(workdir, `nodes-${port}.conf`),
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          workdir,
        ];
        servers.push(spawn('redis-server', args, { stdio: 'ignore' }));
      }
      for (const port of ports)
        await eventually(async () => (await cli(port, 'PING')) === 'PONG', 15_000, `redis-server on ${port}`);
      await run('redis-cli', [
        '--cluster',
        'create',
        ...ports.map((port) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ]);
      for (const port of ports)
        await eventually(
          async () => (await cli(port, 'CLUSTER', 'INFO')).includes('cluster_state:ok'),
          15_000,
          `cluster_state:ok on ${port}`,
        );
      return started;
    } catch (error) {
      started.stop();
      throw error;
    }
  }

  stop(): void {
    for (const server of this.servers) server.kill('SIGKILL');
    rmSync(this.workdir, { recursive: true, force: true });
  }
}

async function cli(port: number, ...command: string[]): Promise<string> {
  try {
    return (await run('redis-cli', ['-p', String(port), ...command])).stdout.trim();
  } catch {
    return '';
  }
}
