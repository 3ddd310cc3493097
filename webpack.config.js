// Builds each app into dist/apps/<app>/ (main.js, plus cli.js for messaging-service).
// ts-loader in transpileOnly mode keeps emitDecoratorMetadata (NestJS DI needs it, esbuild drops it);
// type checking is a separate step (`npm run typecheck`). node_modules stay external.
const path = require('node:path');
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');

const apps = {
  'api-gateway': { main: './apps/api-gateway/src/main.ts' },
  'messaging-service': { main: './apps/messaging-service/src/main.ts', cli: './apps/messaging-service/src/cli.ts' },
  'realtime-gateway': { main: './apps/realtime-gateway/src/main.ts' },
  'webhook-dispatcher': { main: './apps/webhook-dispatcher/src/main.ts' },
};

const configFor = (app) => ({
  name: app,
  target: 'node',
  mode: 'none',
  context: __dirname,
  entry: apps[app],
  output: { path: path.join(__dirname, 'dist/apps', app), filename: '[name].js', clean: true },
  devtool: 'source-map',
  resolve: {
    extensions: ['.ts', '.js'],
    plugins: [new TsconfigPathsPlugin({ configFile: path.join(__dirname, 'tsconfig.base.json') })],
  },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'ts-loader',
        exclude: /node_modules/,
        options: { transpileOnly: true, configFile: path.join(__dirname, 'tsconfig.base.json') },
      },
    ],
  },
  externalsPresets: { node: true },
  externals: [nodeExternals()],
  optimization: { minimize: false, nodeEnv: false },
  node: { __dirname: false, __filename: false },
  stats: 'errors-warnings',
});

module.exports = (env = {}) => {
  const only = env.app ? String(env.app).split(',') : Object.keys(apps);
  return only.map(configFor);
};
