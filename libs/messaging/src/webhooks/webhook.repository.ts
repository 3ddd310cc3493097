import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { WebhookDeliveryEntity, WebhookEntity } from '@switchboard/db';
import type { DeliveryStatus } from '@switchboard/contracts';
import { type IdWindow, newestFirstPage } from '../paging/id-page';

const LIST_LIMIT = 1000;

@Injectable()
export class WebhookRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findLive(id: string, em: EntityManager = this.db.manager, lock = false): Promise<WebhookEntity | null> {
    const builder = em
      .createQueryBuilder(WebhookEntity, 'w')
      .where('w.id = :id', { id })
      .andWhere('w.deleted_at IS NULL');
    if (lock) builder.setLock('pessimistic_write');
    return builder.getOne();
  }

  /** An organisation's live webhooks (served by webhooks_org_idx), optionally of one channel or owner. */
  list(organisationId: string, filter: { channelId?: string; ownerId?: string }): Promise<WebhookEntity[]> {
    return this.db.manager.find(WebhookEntity, {
      where: {
        organisationId,
        deletedAt: IsNull(),
        ...(filter.channelId ? { channelId: filter.channelId } : {}),
        ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
      },
      order: { id: 'ASC' },
      take: LIST_LIMIT,
    });
  }

  save(em: EntityManager, webhook: WebhookEntity): Promise<WebhookEntity> {
    return em.save(WebhookEntity, webhook);
  }

  findDelivery(id: string, em: EntityManager = this.db.manager, lock = false): Promise<WebhookDeliveryEntity | null> {
    const builder = em.createQueryBuilder(WebhookDeliveryEntity, 'd').where('d.id = :id', { id });
    if (lock) builder.setLock('pessimistic_write');
    return builder.getOne();
  }

  /** One page, newest first (webhook_deliveries_webhook_idx; a status filter reads within the webhook's rows). */
  listDeliveries(
    webhookId: string,
    status: DeliveryStatus | undefined,
    window: IdWindow,
  ): Promise<{ rows: WebhookDeliveryEntity[]; hasMore: boolean }> {
    const builder = this.db.manager
      .createQueryBuilder(WebhookDeliveryEntity, 'd')
      .where('d.webhook_id = :webhookId', { webhookId });
    if (status) builder.andWhere('d.status = :status', { status });
    return newestFirstPage(builder, 'd.id', window);
  }

  saveDelivery(em: EntityManager, delivery: WebhookDeliveryEntity): Promise<WebhookDeliveryEntity> {
    return em.save(WebhookDeliveryEntity, delivery);
  }
}
