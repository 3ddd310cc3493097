import { createHmac } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Switchboard-Timestamp';
export const SIGNATURE_HEADER = 'X-Switchboard-Signature';
export const DELIVERY_HEADER = 'X-Switchboard-Delivery';

/**
 * The documented recipe (docs/api/webhooks.md): `v1=` + hex HMAC-SHA256(secret, timestamp + "." +
 * rawBody), the timestamp in Unix seconds. Receivers recompute it over the raw bytes and reject
 * old timestamps to stop replays; the delivery id lets them drop duplicates.
 */
export function signatureHeaders(
  secret: string,
  rawBody: string,
  deliveryId: string,
  nowMs: number,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `v1=${sign(secret, timestamp, rawBody)}`,
    [DELIVERY_HEADER]: deliveryId,
  };
}

export function sign(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}
