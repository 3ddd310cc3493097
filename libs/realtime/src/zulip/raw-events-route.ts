import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { INestApplication } from '@nestjs/common';
import { type Principal, REQUEST_ID_HEADER, renderError } from '@switchboard/contracts';
import {
  DialectErrorFilter,
  PrincipalResolver,
  type RequestRecorder,
  msSince,
  ownCopy,
  requestIdFrom,
} from '@switchboard/platform';
import { EventQueueService } from './event-queue.service';
import { pollParams } from './poll-params';
import type { ZulipEvent } from './queue-spec';
import { zulipPrincipal } from './zulip-auth.guard';
import { ZulipPoll } from './zulip-poll';

const EVENTS_PATH = '/api/v1/events';
const NO_RAW_HEADERS: string[] = Object.freeze([]) as unknown as string[];
const NO_HEADERS = Object.freeze({});

/** What every raw poll shares: where it reports, how errors are rendered. */
interface RawRoute {
  readonly queues: EventQueueService;
  readonly principals: PrincipalResolver;
  /** The app's access log and HTTP metrics, told once an answer finished (as their middlewares would be). */
  readonly recorders: readonly RequestRecorder[];
  readonly errors: DialectErrorFilter;
}

/**
 * Serves the Zulip long-poll (`GET /api/v1/events`) on the bare HTTP server, ahead of Express: a
 * parked poll then holds Node's request and response and one `RawPoll`, not Express's
 * re-prototyped req/res, router state and middleware closures. Same checks, answers, headers,
 * access-log lines and metrics as `EventQueueController.events`; anything unusual (a body, a
 * conditional GET, another path spelling) goes on to Express, which still serves it there.
 */
export function serveZulipPollsRaw(app: INestApplication, recorders: readonly RequestRecorder[]): void {
  const server = app.getHttpServer() as Server;
  const route: RawRoute = {
    queues: app.get(EventQueueService),
    principals: app.get(PrincipalResolver),
    recorders,
    errors: new DialectErrorFilter('zulip'),
  };
  const express = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (isPlainPoll(req)) void servePoll(route, req, res);
    else for (const listener of express) listener.call(server, req, res);
  });
}

function isPlainPoll(req: IncomingMessage): boolean {
  if (req.method !== 'GET' || !req.url?.startsWith(EVENTS_PATH)) return false;
  const rest = req.url.charCodeAt(EVENTS_PATH.length);
  if (!Number.isNaN(rest) && rest !== 63 /* ? */) return false;
  // Read from the raw headers: `req.headers` is built on first use, and a parked poll need not hold it.
  return (
    header(req, 'content-length') === undefined &&
    header(req, 'transfer-encoding') === undefined &&
    header(req, 'if-none-match') === undefined &&
    header(req, 'if-modified-since') === undefined
  );
}

/** A request header as `req.headers` has it: repeated values joined, except Authorization (the first). */
function header(req: IncomingMessage, name: string): string | undefined {
  const raw = req.rawHeaders;
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length !== name.length || raw[i].toLowerCase() !== name) continue;
    if (value === undefined) value = raw[i + 1];
    else if (name !== 'authorization') value = `${value}, ${raw[i + 1]}`;
  }
  return value;
}

async function servePoll(route: RawRoute, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const poll = new RawPoll(res, requestIdFrom(header(req, REQUEST_ID_HEADER)), process.hrtime.bigint(), route);
  let principal: Principal;
  try {
    principal = await zulipPrincipal(route.principals, header(req, 'authorization'), poll.requestId);
    const query = req.url!.indexOf('?');
    const params = pollParams(parseQuery(query < 0 ? '' : req.url!.slice(query + 1)));
    poll.ask({ ...params, queueId: ownCopy(params.queueId), lastEventId: ownCopy(params.lastEventId) });
    // Nothing reads the request after this: a parked poll need not keep its credentials, headers and URL.
    req.rawHeaders = NO_RAW_HEADERS;
    req.headers = NO_HEADERS;
    req.url = EVENTS_PATH;
  } catch (exception: unknown) {
    return poll.fail(exception);
  }
  await route.queues.poll(principal, poll);
}

/** A poll served on the bare server: its response, and what its access-log line and metric are made of. */
class RawPoll extends ZulipPoll {
  constructor(
    private readonly res: ServerResponse,
    readonly requestId: string,
    private readonly startedNs: bigint,
    private readonly route: RawRoute,
  ) {
    super();
  }

  answer(events: ZulipEvent[]): void {
    this.json(200, { result: 'success', msg: '', events, queue_id: this.queueId });
  }

  /** As DialectErrorFilter('zulip').answer does for the Express route. */
  fail(exception: unknown): void {
    const error = this.route.errors.report(exception);
    if (this.res.headersSent) return;
    const rendered = renderError('zulip', error);
    this.json(rendered.status, rendered.body, rendered.headers);
  }

  watchClient(): void {
    this.res.on('close', this.closed.bind(this));
  }

  private closed(): void {
    if (!this.res.writableFinished) this.clientGone();
  }

  /**
   * Writes JSON as Express's `res.json` does (charset, length, a weak ETag), with the headers the
   * app's middlewares set: all at once, so a parked poll holds no header map.
   */
  private json(status: number, body: unknown, headers: Record<string, string> = {}): void {
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    const hash = createHash('sha1').update(payload).digest('base64').substring(0, 27);
    // As on the app's Express routes (it does not disable the header).
    const fields = ['X-Powered-By', 'Express', REQUEST_ID_HEADER, this.requestId];
    for (const name of Object.keys(headers)) fields.push(name, headers[name]);
    fields.push(
      'Content-Type',
      'application/json; charset=utf-8',
      'Content-Length',
      String(payload.length),
      'ETag',
      `W/"${payload.length.toString(16)}-${hash}"`,
    );
    this.res.writeHead(status, fields);
    this.res.end(payload, () => this.finished());
  }

  private finished(): void {
    const request = {
      reqId: this.requestId,
      method: 'GET',
      path: EVENTS_PATH,
      route: EVENTS_PATH,
      status: this.res.statusCode,
      ms: msSince(this.startedNs),
    };
    for (const record of this.route.recorders) record(request);
  }
}
