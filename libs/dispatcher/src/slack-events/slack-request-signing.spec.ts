import { createHmac } from 'node:crypto';
import { slackRetryDelay, slackSignatureHeaders } from './slack-request-signing';

describe('slackSignatureHeaders', () => {
  it('signs "v0:{timestamp}:{body}" with the secret, timestamp in seconds', () => {
    const headers = slackSignatureHeaders('8f742231b10e8888abcd99yyyzzz85a5', '{"a":1}', 1_531_420_618_123);
    expect(headers['x-slack-request-timestamp']).toBe('1531420618');
    const expected = createHmac('sha256', '8f742231b10e8888abcd99yyyzzz85a5')
      .update('v0:1531420618:{"a":1}')
      .digest('hex');
    expect(headers['x-slack-signature']).toBe(`v0=${expected}`);
  });
});

describe('slackRetryDelay', () => {
  it.each([
    [1, 0],
    [2, 60_000],
    [3, 300_000],
  ])('retry %i waits %i ms', (retry, delay) => {
    expect(slackRetryDelay(retry, 60_000)).toBe(delay);
  });
});
