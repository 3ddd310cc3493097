#!/usr/bin/env node
// Builds dist/ when it is missing or older than the sources (or always with --force). Build output
// goes to stderr so commands like `npm run -s admin` keep stdout for their JSON.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const apps = ['api-gateway', 'messaging-service', 'realtime-gateway', 'webhook-dispatcher'];
const outputs = [
  ...apps.map((app) => path.join(root, 'dist/apps', app, 'main.js')),
  path.join(root, 'dist/apps/messaging-service/cli.js'),
];

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function upToDate() {
  if (!outputs.every((file) => fs.existsSync(file))) return false;
  const built = Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs));
  const sources = Math.max(
    newestSource(path.join(root, 'apps')),
    newestSource(path.join(root, 'libs')),
    fs.statSync(path.join(root, 'package-lock.json')).mtimeMs,
  );
  return built >= sources;
}

if (process.argv.includes('--force') || !upToDate()) {
  process.stderr.write('switchboard: building apps…\n');
  const result = spawnSync(
    process.execPath,
    [require.resolve('webpack-cli/bin/cli.js'), '--config', path.join(root, 'webpack.config.js')],
    {
      cwd: root,
      stdio: ['ignore', process.stderr, process.stderr],
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
