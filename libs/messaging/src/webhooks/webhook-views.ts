import type { WebhookDeliveryView, WebhookView } from '@switchboard/contracts';
import type { WebhookDeliveryEntity, WebhookEntity } from '@switchboard/db';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toWebhookView(webhook: WebhookEntity): WebhookView {
  return {
    webhookId: webhook.id,
    organisationId: webhook.organisationId,
    channelId: webhook.channelId,
    kind: webhook.kind,
    userId: webhook.userId,
    ownerId: webhook.ownerId,
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
    deliveryId: delivery.id,
    webhookId: delivery.webhookId,
    messageId: delivery.messageId,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    replyMessageId: delivery.replyMessageId,
    createdAt: delivery.createdAt.toISOString(),
    lastAttemptAt: iso(delivery.lastAttemptAt),
    completedAt: iso(delivery.completedAt),
  };
}
