import { incomingWebhookFields } from './incoming-webhook-body';

describe('incomingWebhookFields', () => {
  it.each([
    [
      'query parameters (seed 004)',
      { content: 'hi', username: 'CI', avatarURL: 'https://a/b.png' },
      undefined,
      { content: 'hi', username: 'CI', avatarURL: 'https://a/b.png' },
    ],
    ['JSON body with content', {}, { content: 'hi' }, { content: 'hi' }],
    [
      'Slack-style text',
      {},
      { text: 'hi', icon_url: 'https://a/i.png' },
      { content: 'hi', avatarURL: 'https://a/i.png' },
    ],
    ['Slack payload form field', {}, { payload: '{"text":"hi","username":"bot"}' }, { content: 'hi', username: 'bot' }],
    ['malformed payload form field', {}, { payload: '{nope' }, {}],
    ['body wins over query', { content: 'from query' }, { content: 'from body' }, { content: 'from body' }],
    ['content preferred over text', {}, { text: 'b', content: 'a' }, { content: 'a' }],
    ['non-string values ignored', { content: ['a', 'b'] }, { content: 5 }, {}],
    ['array body ignored', { content: 'q' }, ['x'], { content: 'q' }],
    ['nothing at all', undefined, undefined, {}],
  ])('%s', (_label, query, body, expected) => {
    const fields = incomingWebhookFields(query, body);
    expect(Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))).toEqual(expected);
  });
});
