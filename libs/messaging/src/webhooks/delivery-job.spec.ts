import type { StoredWebhookPayload } from '@switchboard/contracts';
import { deliveryJob } from './delivery-job';

// As jsonb gives a stored payload back: keys reordered, and possibly more than the documented ones.
const stored = {
  trigger: '!ping',
  type: 'message.created',
  author: { kind: 'user', name: 'Ada', handle: 'ada', userID: '3', email: 'ada@example.test' },
  channel: { type: 'public', name: 'general', channelID: '2' },
  message: {
    ts: '1.000001',
    userID: '3',
    message: '!ping now',
    replyTo: null,
    messageID: '4',
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  organisationID: '1',
} as unknown as StoredWebhookPayload;

describe('deliveryJob', () => {
  const webhook = { id: '9', url: 'https://ci.example.com/hook', signingSalt: 'salt' };

  it('carries the target, the salt (never a secret) and the body in the documented field order, documented fields only', () => {
    const job = deliveryJob({ deliveryId: '7', manualRetries: 0, organisationId: '1', payload: stored, webhook });
    expect({ ...job, body: undefined }).toEqual({
      jobId: 'delivery-7',
      deliveryId: '7',
      webhookId: '9',
      organisationId: '1',
      url: webhook.url,
      signingSalt: 'salt',
      body: undefined,
    });
    expect(job.body).toBe(
      '{"type":"message.created","deliveryID":"7","webhookID":"9","organisationID":"1","trigger":"!ping",' +
        '"message":{"messageID":"4","message":"!ping now","userID":"3","replyTo":null,"ts":"1.000001","createdAt":"2026-01-01T00:00:00.000Z"},' +
        '"channel":{"channelID":"2","name":"general","type":"public"},' +
        '"author":{"userID":"3","handle":"ada","name":"Ada","kind":"user"}}',
    );
  });

  it.each([
    [0, 'delivery-7'],
    [2, 'delivery-7-retry-2'],
  ])('manual retry %s has job id %s', (manualRetries, jobId) => {
    expect(deliveryJob({ deliveryId: '7', manualRetries, organisationId: '1', payload: stored, webhook }).jobId).toBe(
      jobId,
    );
  });
});
