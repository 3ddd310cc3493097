#!/usr/bin/env node
// `npm start`: builds if needed, applies migrations (creating the database if missing), then runs
// all four apps as separate processes with the default configuration. Ctrl-C stops them all.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const node = process.execPath;

function runOrExit(args) {
  const result = spawnSync(node, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

runOrExit([path.join(root, 'scripts/ensure-built.js')]);
runOrExit([path.join(root, 'dist/apps/messaging-service/cli.js'), 'migrate']);

// messaging-service first: the others check it in their readiness probes.
const apps = ['messaging-service', 'api-gateway', 'realtime-gateway', 'webhook-dispatcher'];
const children = new Map();
let stopping = false;

for (const app of apps) {
  const child = spawn(node, [path.join(root, 'dist/apps', app, 'main.js')], { cwd: root, stdio: 'inherit', env: process.env });
  children.set(app, child);
  child.on('exit', (code, signal) => {
    children.delete(app);
    if (!stopping) {
      process.stderr.write(`switchboard: ${app} exited (${signal ?? code}); stopping the others\n`);
      stop(1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) child.kill('SIGTERM');
  if (children.size === 0) process.exit(code);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.stderr.write('switchboard: REST on http://127.0.0.1:3000, RTM on ws://127.0.0.1:3001 (Ctrl-C stops everything)\n');
