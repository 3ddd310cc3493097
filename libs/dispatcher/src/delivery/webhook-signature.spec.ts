import { createHmac } from 'node:crypto';
import { signatureHeaders } from './webhook-signature';

describe('signatureHeaders', () => {
  it.each([
    ['whsec_a', '{"a":1}', '1', 1_700_000_000_000],
    ['whsec_b', '', '2', 1_700_000_000_999],
    ['whsec_ünïcode', '{"text":"héllo"}', '3', 0],
  ])('secret %s: v1=HMAC-SHA256(secret, timestamp + "." + body)', (secret, body, delivery, now) => {
    const headers = signatureHeaders(secret, body, delivery, now);
    const timestamp = String(Math.floor(now / 1000));
    expect(headers).toEqual({
      'X-Switchboard-Timestamp': timestamp,
      'X-Switchboard-Signature':
        'v1=' +
        createHmac('sha256', secret)
          .update(timestamp + '.' + body)
          .digest('hex'),
      'X-Switchboard-Delivery': delivery,
    });
  });
});
