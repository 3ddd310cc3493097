import type { DeliveryStatus, WebhookKind } from '../dto/webhook.dto';

/**
 * Outgoing webhook deliveries on BullMQ. The outgoing-webhook outbox consumer adds one
 * `webhook.deliver` job per (message.created event, matching webhook) with jobId
 * `delivery-<deliveryId>`, so re-relaying the same outbox row adds nothing; a retry by hand adds
 * `delivery-<deliveryId>-retry-<n>`.
 */
export const WebhookJobName = {
  Deliver: 'webhook.deliver',
} as const;
export type WebhookJobName = (typeof WebhookJobName)[keyof typeof WebhookJobName];

/**
 * Everything the dispatcher needs to send, so it never asks messaging-service what to send: the
 * target, the exact body, and the webhook's signing salt (not its secret — the dispatcher derives
 * the secret from WEBHOOK_SECRET_KEY, so Redis never holds anything that signs).
 */
export interface WebhookDeliverJob {
  deliveryId: string;
  webhookId: string;
  organisationId: string;
  url: string;
  /** The JSON body, serialised once when the job was made: every attempt sends these bytes. */
  body: string;
  signingSalt: string;
}

export const deliveryJobId = (deliveryId: string, manualRetry = 0): string =>
  manualRetry > 0 ? `delivery-${deliveryId}-retry-${manualRetry}` : `delivery-${deliveryId}`;

/** The JSON body POSTed to an outgoing webhook's URL (documented in docs/api/webhooks.md). */
export interface OutgoingWebhookPayload {
  type: 'message.created';
  deliveryID: string;
  webhookID: string;
  organisationID: string;
  trigger: string | null;
  message: {
    messageID: string;
    message: string;
    userID: string;
    replyTo: string | null;
    ts: string;
    createdAt: string;
  };
  channel: { channelID: string; name: string; type: string };
  author: { userID: string; handle: string; name: string; kind: string };
}

/** The payload as the relay stores it; the delivery and webhook ids are added when it is sent. */
export type StoredWebhookPayload = Omit<OutgoingWebhookPayload, 'deliveryID' | 'webhookID'>;

export interface WebhookView {
  webhookId: string;
  organisationId: string;
  channelId: string;
  kind: WebhookKind;
  userId: string;
  ownerId: string;
  trigger: string | null;
  url: string | null;
  username: string | null;
  avatarURL: string | null;
  createdAt: string;
  updatedAt: string | null;
}

/** Returned once, at creation: the token (incoming URL path) and the signing secret are never shown again. */
export interface CreatedWebhookView extends WebhookView {
  token: string;
  incomingPath: string;
  signingSecret: string;
}

export interface WebhookDeliveryView {
  deliveryId: string;
  webhookId: string;
  messageId: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  replyMessageId: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  completedAt: string | null;
}

/** GET /webhooks/{id}/deliveries: like a history page (`{messages, hasMore}`). */
export interface DeliveryPage {
  deliveries: WebhookDeliveryView[];
  hasMore: boolean;
}

export type AttemptOutcome = 'delivered' | 'retry' | 'dead';

export interface DeliveryAttemptResult {
  outcome: AttemptOutcome;
  statusCode?: number | null;
  error?: string | null;
  durationMs?: number;
  /** Text of a reply to post in the channel (2xx answers with `text`/`content` or a plain-text body). */
  reply?: string | null;
}

/** One attempt's outcome in a batch the dispatcher posts to `POST /internal/v1/webhook-deliveries/outcomes`. */
export interface DeliveryOutcomeReport extends DeliveryAttemptResult {
  deliveryId: string;
}

/**
 * The delivery's status after the batch. `pending` after a `retry` means "retry"; anything else means
 * the delivery is finished (possibly by someone else: its message or webhook was deleted meanwhile),
 * and the job ends.
 */
export interface DeliveryAttemptRecorded {
  deliveryId: string;
  status: DeliveryStatus;
  replyMessageId: string | null;
}
