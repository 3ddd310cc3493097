// A bot written against the unmodified zulip-js package, run as its own process (callOnEachEvent
// never returns). It prints every event as a JSON line and answers "ping …" with "pong: ping …"
// in the same channel and topic.
const zulipInit = require('zulip-js');

(async () => {
  const client = await zulipInit({
    username: process.env.ZULIP_EMAIL,
    apiKey: process.env.ZULIP_API_KEY,
    realm: process.env.ZULIP_REALM,
  });
  await client.callOnEachEvent(
    async (event) => {
      process.stdout.write(`${JSON.stringify(event)}\n`);
      if (event.type !== 'message' || !event.message.content.startsWith('ping')) return;
      const sent = await client.messages.send({
        type: 'stream',
        to: event.message.display_recipient,
        topic: event.message.subject,
        content: `pong: ${event.message.content}`,
      });
      process.stdout.write(`${JSON.stringify({ sent })}\n`);
    },
    ['message'],
  );
})().catch((error) => {
  process.stderr.write(`${String(error && error.stack)}\n`);
  process.exit(1);
});
