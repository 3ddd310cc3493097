import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/validate-deploy.mjs');

function validate(root = ROOT): {
  status: number | null;
  report: { ok: boolean; objects: number; deployments: number; errors: string[] };
} {
  const result = spawnSync(process.execPath, [SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, DEPLOY_ROOT: root },
    encoding: 'utf8',
  });
  return { status: result.status, report: JSON.parse(result.stdout) };
}

/** A copy of what the validator reads, to break on purpose. */
function copyTree(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-check-'));
  for (const entry of ['deploy', 'docker-compose.yml', 'libs'])
    cpSync(path.join(ROOT, entry), path.join(dir, entry), {
      recursive: true,
      filter: (source) => !source.includes('node_modules'),
    });
  return dir;
}

describe('deployment manifests and compose file', () => {
  it('validate against the Kubernetes schemas, give every app all its variables, and probe the health endpoints', () => {
    const { status, report } = validate();
    expect(report.errors).toEqual([]);
    expect(status).toBe(0);
    expect(report.deployments).toBe(4);
    expect(report.objects).toBeGreaterThanOrEqual(20);
  });

  it.each([
    [
      'a variable missing from the ConfigMap',
      'deploy/k8s/base/configmap.yaml',
      (text: string) => text.replace(/^\s+RTM_MAX_FRAME_BYTES:.*\n/m, ''),
      /realtime-gateway.*does not provide RTM_MAX_FRAME_BYTES/,
    ],
    [
      'a variable missing from compose',
      'docker-compose.yml',
      (text: string) => text.replace(/^\s+WEBHOOK_CONCURRENCY:.*\n/m, ''),
      /webhook-dispatcher.*does not provide WEBHOOK_CONCURRENCY/,
    ],
    [
      'a probe on a path that does not exist',
      'deploy/k8s/base/api-gateway.yaml',
      (text: string) => text.replace('path: /health/ready', 'path: /healthz'),
      /readinessProbe path \/healthz/,
    ],
    [
      'a container port of the wrong type',
      'deploy/k8s/base/messaging-service.yaml',
      (text: string) => text.replace('containerPort: 3002', 'containerPort: "port"'),
      /containerPort must be integer/,
    ],
    [
      'a new setting nobody deploys',
      'libs/dispatcher/src/dispatcher.config.ts',
      (text: string) =>
        text.replace(/WEBHOOK_CONCURRENCY = \d+;/, '$&\n\n  @IntSetting(1, 2)\n  BRAND_NEW_SETTING = 1;'),
      /does not provide BRAND_NEW_SETTING/,
    ],
  ])('catch %s', (_label, file, breakIt, expected) => {
    const dir = copyTree();
    try {
      writeFileSync(path.join(dir, file), breakIt(readFileSync(path.join(dir, file), 'utf8')));
      const { status, report } = validate(dir);
      expect(status).toBe(1);
      expect(report.errors.join('\n')).toMatch(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
