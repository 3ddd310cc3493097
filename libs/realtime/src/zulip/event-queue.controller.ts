import { Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode, type Principal } from '@switchboard/contracts';
import { Dialect, DialectErrorFilter } from '@switchboard/platform';
import { EventQueueService } from './event-queue.service';
import { paramText, pollParams } from './poll-params';
import type { ZulipEvent } from './queue-spec';
import { ZulipPoll } from './zulip-poll';
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
    // The poll answers its response itself and the handler returns at once: a parked poll holds
    // its response and cursor, not Nest's request pipeline (guard, handler and router frames).
    void this.queues.poll(principal, new ExpressPoll(res, this.errors).ask(pollParams(params(req))));
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

/** A poll that reached Express (`/api/v1/events/`, a body, a conditional GET): answered with `res.json`. */
class ExpressPoll extends ZulipPoll {
  constructor(
    private readonly res: Response,
    private readonly errors: DialectErrorFilter,
  ) {
    super();
  }

  answer(events: ZulipEvent[]): void {
    this.res.json({ result: 'success', msg: '', events, queue_id: this.queueId });
  }

  fail(error: unknown): void {
    this.errors.answer(error, this.res);
  }

  watchClient(): void {
    this.res.once('close', () => {
      if (!this.res.writableFinished) this.clientGone();
    });
  }
}
