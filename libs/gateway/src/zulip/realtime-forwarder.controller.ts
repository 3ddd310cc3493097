import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { Controller, Delete, Get, type OnModuleDestroy, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode, REQUEST_ID_HEADER } from '@switchboard/contracts';
import { Dialect, sendError } from '@switchboard/platform';
import { GatewayConfig } from '../gateway.config';

const FORWARDED_RESPONSE_HEADERS = ['content-type', 'www-authenticate', 'retry-after'];

/**
 * Without an ingress routing them, the event-queue paths reach the api-gateway, which forwards them
 * to the realtime gateway: one base URL serves a Zulip client either way. The body was already
 * parsed here, so it travels as JSON; the (long-poll) response is streamed back, and the upstream
 * request is aborted when the client goes away.
 */
@Dialect('zulip')
@Controller('api/v1')
export class RealtimeForwarderController implements OnModuleDestroy {
  /** Long-polls in flight, ended with no events on shutdown (the client polls again; acks lose nothing). */
  private readonly polls = new Set<() => void>();

  constructor(private readonly config: GatewayConfig) {}

  onModuleDestroy(): void {
    for (const end of [...this.polls]) end();
  }

  @Post(['register', 'real-time'])
  register(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.forward(req, res);
  }

  @Get('events')
  poll(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.forward(req, res);
  }

  @Delete('events')
  remove(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.forward(req, res);
  }

  private async forward(req: Request, res: Response): Promise<void> {
    const target = new URL(req.originalUrl, this.config.REALTIME_SERVICE_URL);
    const aborted = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    const endPoll = () => {
      aborted.abort();
      if (!res.headersSent) res.status(200).json({ result: 'success', msg: '', events: [] });
      else res.end();
    };
    if (req.method === 'GET') {
      this.polls.add(endPoll);
      res.on('close', () => this.polls.delete(endPoll));
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    const requestId = (req as Request & { id?: string }).id;
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    const hasBody = req.method === 'POST' && typeof req.body === 'object' && req.body !== null;
    if (hasBody) headers['content-type'] = 'application/json';
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(target, {
        method: req.method,
        headers,
        body: hasBody ? JSON.stringify(req.body) : undefined,
        signal: aborted.signal,
      });
    } catch {
      if (aborted.signal.aborted) return;
      sendError(res, 'zulip', new DomainError(ErrorCode.Unavailable, 'The realtime service is unavailable'));
      return;
    }
    res.status(upstream.status);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    if (!upstream.body) {
      res.end();
      return;
    }
    Readable.fromWeb(upstream.body as ReadableStream)
      .on('error', () => res.destroy())
      .pipe(res);
  }
}
