import { Client } from 'pg';
import { type Api, api } from './api';
import { type TestOrg, createOrg } from './admin';
import { Cluster, type ClusterOptions } from './cluster';
import { TEST_DATABASE_URL } from './env';
import { eventually } from './webhook-receiver';

export type Envelope<T = Record<string, unknown>> = { response: T; error?: { code: string; message: string } };
export type Webhook = {
  webhookID: string;
  token: string;
  signingSecret: string;
  incomingPath: string;
  username: string | null;
  channelID: string;
  url: string | null;
};
export type Message = {
  messageID: string;
  userID: string;
  message: string;
  replyTo: string | null;
  meta?: { username: string | null; avatarURL: string | null; webhookID: string | null } | null;
};
export type Delivery = {
  deliveryID: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  replyMessageID: string | null;
};

export const FAKE_ID = '123456789012345678';

/**
 * A cluster and an organisation for webhook suites: an admin (owner of the `hooks` channel), a
 * member of it, an outsider, a bot, and helpers over the webhook API.
 */
export class WebhookFixture {
  admin!: Api;
  member!: Api;
  outsider!: Api;
  channelId!: string;
  privateId!: string;

  private constructor(
    readonly cluster: Cluster,
    readonly org: TestOrg,
  ) {}

  static async start(options: ClusterOptions): Promise<WebhookFixture> {
    // The admin CLI blocks this process; run it before any keep-alive connection could go stale.
    const org = createOrg(2, { bots: 1 });
    const fixture = new WebhookFixture(await Cluster.start(options), org);
    fixture.admin = api(fixture.cluster.apiUrl, org.admin.token);
    fixture.member = api(fixture.cluster.apiUrl, org.users[0].token);
    fixture.outsider = api(fixture.cluster.apiUrl, org.users[1].token);
    fixture.channelId = (
      await fixture.admin.post<Envelope>('/channels/', { name: 'hooks', members: [org.users[0].id] })
    ).body.response.channelID as string;
    fixture.privateId = (await fixture.admin.post<Envelope>('/channels/', { name: 'hooks-private', type: 'private' }))
      .body.response.channelID as string;
    return fixture;
  }

  get botId(): string {
    return this.org.users[2].id;
  }

  /** Unauthenticated calls (the public incoming routes). */
  get anonymous(): Api {
    return api(this.cluster.apiUrl);
  }

  stop(): Promise<void> {
    return this.cluster.stop();
  }

  async expectError(promise: Promise<{ status: number; body: unknown }>, status: number, code: string): Promise<void> {
    const { status: actual, body } = await promise;
    expect({ status: actual, code: (body as Envelope).error?.code }).toEqual({ status, code });
    expect(typeof (body as Envelope).error?.message).toBe('string');
  }

  async createWebhook(body: Record<string, unknown>): Promise<Webhook> {
    const created = await this.admin.post<Envelope<Webhook>>('/webhooks/', {
      channelID: this.channelId,
      userID: this.botId,
      ...body,
    });
    expect(created.status).toBe(200);
    return created.body.response;
  }

  async history(): Promise<Message[]> {
    return (await this.admin.get<Envelope<{ messages: Message[] }>>(`/channels/${this.channelId}/messages/?limit=200`))
      .body.response.messages;
  }

  async post(text: string): Promise<Message> {
    return (await this.member.post<Envelope<Message>>(`/channels/${this.channelId}/messages/`, { message: text })).body
      .response;
  }

  async deliveries(webhookId: string, status?: string): Promise<Delivery[]> {
    return (await this.deliveryPage(webhookId, status ? `status=${status}` : '')).deliveries;
  }

  async deliveryPage(webhookId: string, query: string): Promise<{ deliveries: Delivery[]; hasMore: boolean }> {
    const page = await this.admin.get<Envelope<{ deliveries: Delivery[]; hasMore: boolean }>>(
      `/webhooks/${webhookId}/deliveries?${query}`,
    );
    expect(page.status).toBe(200);
    return page.body.response;
  }

  /** Waits until the webhook has `count` deliveries and none is pending. */
  finished(webhookId: string, count = 1): Promise<Delivery[]> {
    return eventually(
      async () => {
        const list = await this.deliveries(webhookId);
        return list.length >= count && list.every((delivery) => delivery.status !== 'pending') ? list : null;
      },
      20_000,
      `deliveries of webhook ${webhookId} to finish`,
    );
  }

  async sql(text: string, values: unknown[] = []): Promise<unknown[]> {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  }
}
