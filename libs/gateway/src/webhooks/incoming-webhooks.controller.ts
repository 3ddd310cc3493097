import { ApiQuery } from '@nestjs/swagger';
import { Body, Controller, Delete, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { InternalRoutes, type MessageView, type CortezaIds, cortezaIds } from '@switchboard/contracts';
import { Dialect, IdParamPipe, InternalClient } from '@switchboard/platform';
import { RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from '../corteza/corteza-envelope.interceptor';
import { incomingWebhookFields } from './incoming-webhook-body';
import { IncomingWebhookLimiter } from './incoming-webhook.limiter';

/**
 * seed 004 "Webhooks (Public)": the token in the path is the only credential. messaging-service
 * checks it against the stored hash and answers unknown webhook and wrong token alike (404).
 */
@Dialect('corteza')
@Controller('webhooks/:webhookID/:webhookToken')
@UseInterceptors(CortezaEnvelopeInterceptor)
export class IncomingWebhooksController {
  constructor(
    private readonly messaging: InternalClient,
    private readonly limiter: IncomingWebhookLimiter,
  ) {}

  @Post()
  @HttpCode(200)
  // The fields may come as query parameters (as in seed 004), a form, or JSON (also Slack's `text`).
  @ApiQuery({
    name: 'content',
    required: false,
    type: String,
    description: 'Message contents (markdown); or `text`, or in the body',
  })
  @ApiQuery({ name: 'username', required: false, type: String, description: 'Display name for this message' })
  @ApiQuery({ name: 'avatarURL', required: false, type: String, description: 'Avatar picture URL for this message' })
  async post(
    @RequestId() requestId: string,
    @Param('webhookID', IdParamPipe) webhookId: string,
    @Param('webhookToken') token: string,
    @Query() query: unknown,
    @Body() body: unknown,
  ): Promise<CortezaIds<MessageView>> {
    await this.limiter.take(webhookId, token);
    return cortezaIds(
      await this.messaging.call({ requestId }, InternalRoutes.incomingWebhook, {
        params: { webhookId },
        body: { token, ...incomingWebhookFields(query, body) },
      }),
    );
  }

  @Delete()
  async delete(
    @RequestId() requestId: string,
    @Param('webhookID', IdParamPipe) webhookId: string,
    @Param('webhookToken') token: string,
  ): Promise<unknown> {
    await this.limiter.take(webhookId, token);
    return this.messaging.call({ requestId }, InternalRoutes.deleteWebhookWithToken, {
      params: { webhookId },
      body: { token },
    });
  }
}
