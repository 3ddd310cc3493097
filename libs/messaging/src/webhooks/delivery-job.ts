import {
  type OutgoingWebhookPayload,
  type StoredWebhookPayload,
  type WebhookDeliverJob,
  deliveryJobId,
} from '@switchboard/contracts';
import type { DeliveryJobSpec } from './webhook-job.queue';

/** What a delivery job needs from its delivery row and its webhook. */
export interface DeliveryJobSource {
  deliveryId: string;
  manualRetries: number;
  organisationId: string;
  payload: StoredWebhookPayload;
  webhook: { id: string; url: string; signingSalt: string };
}

/**
 * The job the dispatcher runs without asking anything: target, the exact body, and the salt it
 * derives the signing secret from. The body lists its fields in the documented order and only the
 * documented fields (a stored payload read back from jsonb comes with its keys reordered).
 */
export function deliveryJob(source: DeliveryJobSource): DeliveryJobSpec {
  const { deliveryId, webhook } = source;
  const data: WebhookDeliverJob = {
    deliveryId,
    webhookId: webhook.id,
    organisationId: source.organisationId,
    url: webhook.url,
    body: JSON.stringify(deliveryBody(deliveryId, webhook.id, source.payload)),
    signingSalt: webhook.signingSalt,
  };
  return { jobId: deliveryJobId(deliveryId, source.manualRetries), ...data };
}

export function deliveryBody(
  deliveryId: string,
  webhookId: string,
  payload: StoredWebhookPayload,
): OutgoingWebhookPayload {
  return {
    type: 'message.created',
    deliveryID: deliveryId,
    webhookID: webhookId,
    organisationID: payload.organisationID,
    trigger: payload.trigger,
    ...documentedParts(payload),
  };
}

type PayloadParts = Pick<StoredWebhookPayload, 'message' | 'channel' | 'author'>;

/**
 * The message, channel and author of a webhook body: only the documented fields, in the documented
 * order, so that no e-mail address or other private field leaves the organisation.
 */
export function documentedParts({ message, channel, author }: PayloadParts): PayloadParts {
  return {
    message: {
      messageID: message.messageID,
      message: message.message,
      userID: message.userID,
      replyTo: message.replyTo,
      ts: message.ts,
      createdAt: message.createdAt,
    },
    channel: { channelID: channel.channelID, name: channel.name, type: channel.type },
    author: { userID: author.userID, handle: author.handle, name: author.name, kind: author.kind },
  };
}
