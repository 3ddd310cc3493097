#!/usr/bin/env node
// Validates deploy/: every Kubernetes object against the official schemas (kubernetes-models), and
// that the manifests and docker-compose.yml give each app every variable its config class reads,
// with probes on the health paths and the ports the apps listen on. Prints JSON; exits 1 on errors.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const ROOT = process.env.DEPLOY_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APPS = {
  'api-gateway': { config: 'libs/gateway/src/gateway.config.ts', port: 3000, compose: ['api-gateway'] },
  'messaging-service': { config: 'libs/messaging/src/messaging.config.ts', port: 3002, compose: ['messaging-service'] },
  'realtime-gateway': {
    config: 'libs/realtime/src/realtime.config.ts',
    port: 3001,
    compose: ['realtime-1', 'realtime-2'],
  },
  'webhook-dispatcher': {
    config: 'libs/dispatcher/src/dispatcher.config.ts',
    port: 3003,
    compose: ['webhook-dispatcher'],
  },
};
const HEALTH_PATHS = new Set(['/health/live', '/health/ready']);
const errors = [];
const fail = (where, message) => errors.push(`${where}: ${message}`);

/** Config classes by name, from the shared config module and the app's own file: their fields (names in capitals) and parent. */
function configClasses(files) {
  const classes = new Map();
  for (const file of files) {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    const starts = [...source.matchAll(/^export class (\w+)(?: extends (\w+))? \{/gm)];
    starts.forEach((start, index) => {
      const body = source.slice(start.index, starts[index + 1]?.index ?? source.length);
      const fields = [...body.matchAll(/^\s+(?:override\s+)?([A-Z][A-Z0-9_]+)(?:\??:\s*[^=;]+)?\s*=/gm)].map(
        (match) => match[1],
      );
      classes.set(start[1], { fields, parent: start[2] ?? null });
    });
  }
  return classes;
}

/** The variables an app's config class reads: its own fields and its ancestors'. */
function configVariables(file) {
  const classes = configClasses(['libs/platform/src/config/config-fields.ts', file]);
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  let name = /^export class (\w+)/m.exec(source)?.[1];
  const names = new Set();
  for (const seen = new Set(); name && classes.has(name) && !seen.has(name); name = classes.get(name).parent) {
    seen.add(name);
    for (const field of classes.get(name).fields) names.add(field);
  }
  return [...names];
}

function documents(dir) {
  return readdirSync(path.join(ROOT, dir))
    .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .flatMap((name) =>
      yaml
        .loadAll(readFileSync(path.join(ROOT, dir, name), 'utf8'))
        .filter(Boolean)
        .map((doc) => ({ file: `${dir}/${name}`, doc })),
    );
}

async function validateSchema({ file, doc }) {
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : [null, doc.apiVersion];
  const module = await import(`kubernetes-models/${group ? `${group}/${version}` : version}`);
  const Model = module[doc.kind];
  if (!Model) return fail(file, `unknown kind ${doc.apiVersion} ${doc.kind}`);
  try {
    new Model(doc).validate();
  } catch (error) {
    fail(`${file} ${doc.kind}/${doc.metadata?.name}`, error.message);
  }
}

function checkDeployment(file, deployment, configMaps) {
  const app = deployment.metadata?.name;
  const spec = APPS[app];
  if (!spec) return fail(file, `Deployment ${app} is not one of the four apps`);
  const container = deployment.spec.template.spec.containers[0];
  const provided = new Set((container.env ?? []).map((entry) => entry.name));
  for (const source of container.envFrom ?? [])
    for (const key of Object.keys(configMaps.get(source.configMapRef?.name) ?? {})) provided.add(key);
  for (const name of configVariables(spec.config))
    if (!provided.has(name)) fail(`${file} ${app}`, `does not provide ${name}`);
  const port = (container.env ?? []).find((entry) => entry.name === 'PORT')?.value;
  if (Number(port) !== spec.port) fail(`${file} ${app}`, `PORT is ${port}, expected ${spec.port}`);
  const named = new Map((container.ports ?? []).map((entry) => [entry.name, entry.containerPort]));
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = container[kind]?.httpGet;
    if (!probe) {
      if (kind !== 'startupProbe') fail(`${file} ${app}`, `has no ${kind}`);
      continue;
    }
    if (!HEALTH_PATHS.has(probe.path)) fail(`${file} ${app}`, `${kind} path ${probe.path} is not a health endpoint`);
    const probePort = typeof probe.port === 'string' ? named.get(probe.port) : probe.port;
    if (probePort !== spec.port) fail(`${file} ${app}`, `${kind} port ${probe.port} is not the app port ${spec.port}`);
  }
  if (container[`livenessProbe`]?.httpGet?.path !== '/health/live')
    fail(`${file} ${app}`, 'liveness must not depend on dependencies (/health/live)');
}

function checkCompose() {
  const compose = yaml.load(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'));
  for (const [app, spec] of Object.entries(APPS)) {
    for (const service of spec.compose) {
      const environment = compose.services?.[service]?.environment;
      if (!environment) {
        fail('docker-compose.yml', `service ${service} (${app}) is missing or has no environment`);
        continue;
      }
      const keys = new Set(
        Array.isArray(environment) ? environment.map((entry) => entry.split('=')[0]) : Object.keys(environment),
      );
      for (const name of configVariables(spec.config))
        if (!keys.has(name)) fail(`docker-compose.yml ${service}`, `does not provide ${name}`);
    }
  }
}

const docs = [...documents('deploy/k8s/base'), ...documents('deploy/k8s/migrate')];
for (const item of docs) await validateSchema(item);
const configMaps = new Map(
  docs.filter(({ doc }) => doc.kind === 'ConfigMap').map(({ doc }) => [doc.metadata.name, doc.data]),
);
const deployments = docs.filter(({ doc }) => doc.kind === 'Deployment');
for (const { file, doc } of deployments) checkDeployment(file, doc, configMaps);
for (const app of Object.keys(APPS))
  if (!deployments.some(({ doc }) => doc.metadata.name === app)) fail('deploy/k8s/base', `no Deployment for ${app}`);
checkCompose();

console.log(
  JSON.stringify({ ok: errors.length === 0, objects: docs.length, deployments: deployments.length, errors }, null, 2),
);
process.exit(errors.length === 0 ? 0 : 1);
