import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { INestApplication } from '@nestjs/common';
import { renderError } from '@switchboard/contracts';
import { DialectErrorFilter, PrincipalResolver } from '@switchboard/platform';
import { EventQueueService } from './event-queue.service';
import { pollRequest } from './poll-params';
import { zulipPrincipal } from './zulip-auth.guard';

const EVENTS_PATH = '/api/v1/events';
const EVENTS_ROUTE = { path: EVENTS_PATH };

/** What the app's access log, metrics and request ids read from a request (Express sets these itself). */
type RawRequest = IncomingMessage & { id?: string; path?: string; route?: { path: string }; baseUrl?: string };
type Observer = (req: RawRequest, res: ServerResponse, next: () => void) => void;

/**
 * Serves the Zulip long-poll (`GET /api/v1/events`) on the bare HTTP server, ahead of Express: a parked
 * poll then holds Node's request and response only, not Express's re-prototyped req/res, router
 * state and bound functions (most of a parked poll's memory). Same checks, answers and headers as
 * `EventQueueController.events`; anything unusual (a body, a conditional GET, another path
 * spelling) goes on to Express, which still serves it there. `observers` are the app's own
 * request-id, access-log and metrics middlewares, so the poll counts as before.
 */
export function serveZulipPollsRaw(app: INestApplication, observers: readonly Observer[]): void {
  const server = app.getHttpServer() as Server;
  const queues = app.get(EventQueueService);
  const principals = app.get(PrincipalResolver);
  const express = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: RawRequest, res: ServerResponse) => {
    if (!isPlainPoll(req)) {
      for (const listener of express) listener.call(server, req, res);
      return;
    }
    req.path = EVENTS_PATH;
    req.route = EVENTS_ROUTE;
    req.baseUrl = '';
    // As on the app's Express routes (it does not disable the header).
    res.setHeader('X-Powered-By', 'Express');
    let next = 0;
    const proceed = (): void => {
      const observer = observers[next++];
      if (observer) observer(req, res, proceed);
      else void poll(queues, principals, req, res);
    };
    proceed();
  });
}

function isPlainPoll(req: IncomingMessage): boolean {
  if (req.method !== 'GET' || !req.url?.startsWith(EVENTS_PATH)) return false;
  const rest = req.url.charCodeAt(EVENTS_PATH.length);
  if (!Number.isNaN(rest) && rest !== 63 /* ? */) return false;
  const headers = req.headers;
  return (
    headers['content-length'] === undefined &&
    headers['transfer-encoding'] === undefined &&
    headers['if-none-match'] === undefined &&
    headers['if-modified-since'] === undefined
  );
}

async function poll(
  queues: EventQueueService,
  principals: PrincipalResolver,
  req: RawRequest,
  res: ServerResponse,
): Promise<void> {
  try {
    const principal = await zulipPrincipal(principals, req.headers.authorization, req.id);
    const query = req.url!.indexOf('?');
    const input = parseQuery(query < 0 ? '' : req.url!.slice(query + 1));
    const request = pollRequest(input, res);
    const events = await queues.poll(principal, request);
    sendJson(res, 200, { result: 'success', msg: '', events, queue_id: request.queueId });
  } catch (exception: unknown) {
    answerError(exception, res);
  }
}

const errors = new DialectErrorFilter('zulip');

/** As DialectErrorFilter('zulip').answer does for the Express route, on a bare response. */
function answerError(exception: unknown, res: ServerResponse): void {
  const error = errors.report(exception);
  if (res.headersSent) return;
  const rendered = renderError('zulip', error);
  sendJson(res, rendered.status, rendered.body, rendered.headers);
}

/** Writes JSON as Express's `res.json` does: charset, length and a weak ETag (Express's default). */
function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.statusCode = status;
  for (const name of Object.keys(headers)) res.setHeader(name, headers[name]);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', payload.length);
  const hash = createHash('sha1').update(payload).digest('base64').substring(0, 27);
  res.setHeader('ETag', `W/"${payload.length.toString(16)}-${hash}"`);
  res.end(payload);
}
