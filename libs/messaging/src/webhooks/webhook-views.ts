import type { WebhookDeliveryView, WebhookView } from '@switchboard/contracts';
import type { WebhookDeliveryEntity, WebhookEntity } from '@switchboard/db';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toWebhookView(webhook: WebhookEntity): WebhookView {
  return {
    webhookID: webhook.id,
    organisationID: webhook.organisationId,
    channelID: webhook.channelId,
    kind: webhook.kind,
    userID: webhook.userId,
    ownerID: webhook.ownerId,
    trigger: webhook.trigger,
    url: webhook.url,
    username: webhook.username,
    avatarURL: webhook.avatarUrl,
    createdAt: webhook.createdAt.toISOString(),
    updatedAt: iso(webhook.updatedAt),
  };
}

export function toDeliveryView(delivery: WebhookDeliveryEntity): WebhookDeliveryView {
  return {
    deliveryID: delivery.id,
    webhookID: delivery.webhookId,
    messageID: delivery.messageId,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    replyMessageID: delivery.replyMessageId,
    createdAt: delivery.createdAt.toISOString(),
    lastAttemptAt: iso(delivery.lastAttemptAt),
    completedAt: iso(delivery.completedAt),
  };
}
