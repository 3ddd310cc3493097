import { Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode, type Principal } from '@switchboard/contracts';
import { Dialect, DialectErrorFilter } from '@switchboard/platform';
import { EventQueueService } from './event-queue.service';
import { paramText, pollRequest } from './poll-params';
import { ZulipAuthGuard, ZulipPrincipal } from './zulip-auth.guard';

/**
 * Zulip's real-time events API: register a queue, long-poll it, delete it. Parameters come from the
 * query string, a form (urlencoded or multipart) or a JSON body.
 */
@Dialect('zulip')
@Controller('api/v1')
@UseGuards(ZulipAuthGuard)
export class EventQueueController {
  private readonly errors = new DialectErrorFilter('zulip');

  constructor(private readonly queues: EventQueueService) {}

  @Post(['register', 'real-time'])
  @HttpCode(200)
  register(@ZulipPrincipal() principal: Principal, @Req() req: Request): Promise<Record<string, unknown>> {
    return this.queues.register(principal, params(req));
  }

  @Get('events')
  events(@ZulipPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): void {
    const request = pollRequest(params(req), res);
    const poll = this.queues.poll(principal, request);
    // The poll answers its response itself and the handler returns at once: a parked poll holds
    // its response and cursor, not Nest's request pipeline (guard, handler and router frames).
    void poll.then(
      (events) => res.json({ result: 'success', msg: '', events, queue_id: request.queueId }),
      (error: unknown) => this.errors.answer(error, res),
    );
  }

  @Delete('events')
  async deleteQueue(@ZulipPrincipal() principal: Principal, @Req() req: Request): Promise<Record<string, unknown>> {
    const queueId = paramText(params(req).queue_id);
    if (!queueId)
      throw new DomainError(ErrorCode.ValidationFailed, "Missing 'queue_id' argument", [
        { field: 'queue_id', message: 'missing' },
      ]);
    await this.queues.delete(principal, queueId);
    return { result: 'success', msg: '' };
  }
}

function params(req: Request): Record<string, unknown> {
  const body =
    typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body)
      ? (req.body as Record<string, unknown>)
      : {};
  return { ...(req.query as Record<string, unknown>), ...body };
}
