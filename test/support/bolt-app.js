// An unmodified @slack/bolt 5 app, run as its own process by the Slack app tests and the bench.
// Configured by environment; every event it handles is written to stdout as one `@@{json}` line.
const { App, LogLevel } = require('@slack/bolt');

const env = process.env;
const slackApiUrl = env.SLACK_API_URL;
const mode = env.BOLT_MODE; // 'socket' | 'http'
// Mentions containing "slow" take this long on their first attempt (the Events API retry test).
const slowFirstAttempt = env.BOLT_SLOW_FIRST_ATTEMPT_MS ? Number(env.BOLT_SLOW_FIRST_ATTEMPT_MS) : 0;

const report = (record) => process.stdout.write(`@@${JSON.stringify(record)}\n`);

const app = new App({
  token: env.BOT_TOKEN,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl },
  ...(mode === 'socket'
    ? { socketMode: true, appToken: env.APP_TOKEN, installerOptions: { clientOptions: { slackApiUrl } } }
    : { signingSecret: env.SIGNING_SECRET, port: Number(env.BOLT_PORT), processBeforeResponse: true }),
});

app.event('app_mention', async ({ event, body, say, context }) => {
  report({
    handler: 'app_mention',
    event_id: body.event_id,
    text: event.text,
    channel: event.channel,
    ts: event.ts,
    retry_num: context.retryNum ?? null,
    retry_reason: context.retryReason ?? null,
  });
  if (slowFirstAttempt && !context.retryNum && event.text.includes('slow'))
    await new Promise((resolve) => setTimeout(resolve, slowFirstAttempt));
  await say({ text: `pong to ${event.ts}`, thread_ts: event.ts });
});

app.message(/ping-(\d+)/, async ({ message, body, context }) => {
  report({
    handler: 'message',
    event_id: body.event_id,
    text: message.text,
    channel: message.channel,
    channel_type: message.channel_type,
    retry_num: context.retryNum ?? null,
  });
});

app.event('reaction_added', async ({ event, body }) => {
  report({ handler: 'reaction_added', event_id: body.event_id, reaction: event.reaction, channel: event.item.channel });
});

app.error(async (error) => report({ error: String(error && error.message ? error.message : error) }));

(async () => {
  await app.start();
  report({ started: true });
})().catch((error) => {
  report({ fatal: String(error && error.stack ? error.stack : error) });
  process.exit(1);
});

process.on('SIGTERM', () => app.stop().finally(() => process.exit(0)));
