import fc from 'fast-check';
import { Client } from 'pg';
import WebSocket from 'ws';
import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { TEST_DATABASE_URL } from '../support/env';
import {
  CaseCounter,
  FUZZ_RUNS,
  FUZZ_SEED,
  type WireBody,
  type WireResult,
  encodeText,
  hostileBody,
  hostilePathId,
  hostileQuery,
  hostileString,
  hostileValue,
  wireRequest,
} from '../support/hostile';
import { RtmTestClient } from '../support/rtm-client';

type Operation = {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string; properties?: Record<string, unknown> } }> };
};
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};
interface Target {
  method: string;
  path: string;
  pathParams: string[];
  query: string[];
  body: string[];
}

const SLACK_METHODS = [
  'auth.test',
  'chat.postMessage',
  'chat.update',
  'chat.delete',
  'conversations.list',
  'conversations.info',
  'conversations.history',
  'conversations.replies',
  'conversations.members',
  'conversations.join',
  'conversations.leave',
  'conversations.create',
  'conversations.open',
  'reactions.add',
  'reactions.remove',
  'pins.add',
  'pins.remove',
  'users.list',
  'users.info',
  'users.getPresence',
  'users.setPresence',
  'users.profile.get',
  'users.profile.set',
  'rtm.connect',
  'rtm.start',
  'no.such.method',
];
const SLACK_PARAMS = [
  'channel',
  'text',
  'ts',
  'thread_ts',
  'user',
  'users',
  'name',
  'limit',
  'cursor',
  'latest',
  'oldest',
  'inclusive',
  'types',
  'timestamp',
  'presence',
  'profile',
  'is_private',
  'exclude_archived',
  'token',
];
const RTM_FRAME_TYPES = [
  'message',
  'ping',
  'typing',
  'presence_sub',
  'presence_query',
  'user_typing',
  'hello',
  '',
  'no_such_type',
];
const RTM_FIELDS = ['id', 'type', 'channel', 'text', 'thread_ts', 'ids', 'time', 'reply_to'];
const NARROW_OPERATORS = [
  'channel',
  'stream',
  'topic',
  'sender',
  'is',
  'dm',
  'pm-with',
  'search',
  'id',
  'near',
  'has',
  'in',
  'streams',
  'dm-including',
  'no-such',
];

/** Operations of /openapi.json as targets: path parameters, query names and body field names. */
function targetsOf(doc: OpenApi, keep: (path: string) => boolean): Target[] {
  const targets: Target[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (!keep(path)) continue;
    for (const [method, op] of Object.entries(operations)) {
      const schema = Object.values(op.requestBody?.content ?? {})[0]?.schema;
      const ref = schema?.$ref?.split('/').pop();
      const props = schema?.properties ?? (ref ? doc.components.schemas[ref]?.properties : undefined) ?? {};
      const params = op.parameters ?? [];
      targets.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => p.name),
        body: Object.keys(props),
      });
    }
  }
  return targets;
}

/**
 * Hostile input on every surface (issue 14 §2), as fast-check properties against the running apps:
 * never a 5xx, never a dropped connection, never a crash, and a refused request changes nothing
 * (no domain event committed for the organisation). Fixed seed; FUZZ_RUNS cases per property.
 */
jest.setTimeout(20 * 60_000);

describe('hostile input on every surface', () => {
  const counter = new CaseCounter();
  let cluster: Cluster;
  let org: TestOrg;
  let admin: Api;
  let db: Client;
  let doc: OpenApi;
  let channelId: string;
  let privateId: string;
  let messageId: string;
  let ids: string[];

  const lastEventId = async (): Promise<string> =>
    (
      await db.query<{ id: string }>(
        'SELECT coalesce(max(event_id), 0)::text AS id FROM outbox_events WHERE organisation_id = $1',
        [org.id],
      )
    ).rows[0].id;

  /** The invariants every answer must keep; returns the answer for dialect checks. */
  const expectSafe = (result: WireResult, what: string): { status: number; text: string } => {
    if (result.kind === 'dropped') throw new Error(`connection dropped (${result.error}) on ${what}`);
    if (result.status >= 500) throw new Error(`${result.status} on ${what}: ${result.text.slice(0, 300)}`);
    return result;
  };

  const bearer = () =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(`Bearer ${org.admin.token}`) },
      fc.constant(`Bearer ${org.users[0].token}`),
      hostileString.map((s) => `Bearer ${s.replace(/[^\x21-\x7e]/g, '')}`),
      fc.constant('Basic !!!'),
    );

  beforeAll(async () => {
    org = createOrg(2, { bots: 1 });
    const unlimited = {
      REQUESTS_PER_TOKEN_PER_MINUTE: '0',
      REQUESTS_PER_IP_PER_MINUTE: '0',
      API_REQUESTS_PER_MINUTE: '0',
      RTM_CONNECTS_PER_MINUTE: '0',
      WEBHOOK_INCOMING_PER_MINUTE: '100000',
    };
    cluster = await Cluster.start({ gatewayEnv: unlimited });
    db = new Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    admin = api(cluster.apiUrl, org.admin.token);
    channelId = (
      await admin.post<{ response: { channelID: string } }>('/channels/', {
        name: 'hostile',
        members: [org.users[0].id, org.users[2].id],
      })
    ).body.response.channelID;
    privateId = (
      await admin.post<{ response: { channelID: string } }>('/channels/', { name: 'hostile-private', type: 'private' })
    ).body.response.channelID;
    messageId = (
      await admin.post<{ response: { messageID: string } }>(`/channels/${channelId}/messages/`, { message: 'target' })
    ).body.response.messageID;
    ids = [channelId, privateId, messageId, org.admin.id, org.users[0].id, org.id];
    doc = JSON.parse(
      (await wireRequest(cluster.apiUrl, 'GET', '/openapi.json', {}).then((r) => expectSafe(r, 'openapi'))).text,
    ) as OpenApi;
  });

  /** 5xx answers and error logs, except the ws library's report of a client's invalid frame (which it closes with 1007). */
  const isServerFault = (line: string) =>
    /"status":5\d\d|"level":"(error|fatal)"/.test(line) && !/"context":"WsAdapter","code":"WS_ERR_/.test(line);

  afterAll(async () => {
    console.log(counter.report('hostile-input cases generated per surface'));
    await db?.end();
    const crashed = [cluster.gateway, cluster.messaging, ...cluster.realtime]
      .filter((app) => app.exitCode !== null)
      .map((app) => app.name);
    const serverErrors = [cluster.gateway, cluster.messaging, ...cluster.realtime].flatMap((app) =>
      app.output.join('').split('\n').filter(isServerFault),
    );
    await cluster?.stop();
    expect({ crashed, serverErrors }).toEqual({ crashed: [], serverErrors: [] });
  });

  /** One generated HTTP case: the invariants, plus "refused changes nothing" for refused writes. */
  const httpCase = async (
    surface: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body: WireBody | undefined,
    isRefusal: (status: number, text: string) => boolean,
  ) => {
    counter.count(surface);
    const write = method !== 'GET';
    const before = write ? await lastEventId() : '';
    const result = await wireRequest(cluster.apiUrl, method, path, headers, body);
    // Known gap (see the closing note of issue 14): a request line far over Node's 16 KB header limit is
    // refused by the HTTP parser, and a client still writing it may see EPIPE before it reads the 431.
    if (result.kind === 'dropped' && /EPIPE|ECONNRESET/.test(result.error) && path.length > 16 * 1024) {
      if (write) expect(await lastEventId()).toBe(before);
      return;
    }
    const answer = expectSafe(result, `${method} ${path.slice(0, 200)}`);
    if (method === 'HEAD') return;
    if (write && isRefusal(answer.status, answer.text))
      expect({ path, status: answer.status, lastEventId: await lastEventId() }).toEqual({
        path,
        status: answer.status,
        lastEventId: before,
      });
  };

  it('Corteza REST: every operation of /openapi.json', async () => {
    const targets = targetsOf(
      doc,
      (path) => !path.startsWith('/api/') && !path.startsWith('/health') && path !== '/metrics',
    );
    expect(targets.length).toBeGreaterThan(50);
    const cases = fc.constantFrom(...targets).chain((target) =>
      fc.record({
        target: fc.constant(target),
        params: fc.tuple(...target.pathParams.map(() => hostilePathId(ids)), fc.constant('')),
        query: hostileQuery(target.query),
        body: target.method === 'GET' ? fc.constant(undefined) : hostileBody(target.body),
        auth: bearer(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ target, params, query, body, auth }) => {
        let i = 0;
        const path = target.path.replace(/\{[^}]+\}/g, () => params[i++] ?? 'x') + (query ? `?${query}` : '');
        await httpCase(
          'Corteza REST',
          target.method,
          path,
          { authorization: auth },
          body,
          (status, text) => status >= 400 && 'error' in (JSON.parse(text) as object),
        );
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 2, endOnFailure: true },
    );
  });

  it('Slack Web API: every method, form and JSON', async () => {
    const cases = fc.record({
      method: fc.constantFrom(...SLACK_METHODS),
      verb: fc.constantFrom('GET', 'POST'),
      query: hostileQuery(SLACK_PARAMS),
      body: hostileBody(SLACK_PARAMS),
      auth: bearer(),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ method, verb, query, body, auth }) => {
        await httpCase(
          'Slack Web API',
          verb,
          `/api/${method}${query ? `?${query}` : ''}`,
          { authorization: auth },
          verb === 'GET' ? undefined : body,
          (status, text) => {
            const parsed = JSON.parse(text) as { ok?: boolean };
            expect(typeof parsed.ok).toBe('boolean');
            return parsed.ok === false;
          },
        );
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
    );
  });

  it('Zulip REST: every endpoint', async () => {
    const targets = targetsOf(doc, (path) => path.startsWith('/api/v1/'));
    const basic = (email: string, key: string) => `Basic ${Buffer.from(`${email}:${key}`).toString('base64')}`;
    const auth = fc.oneof(
      { weight: 6, arbitrary: fc.constant(basic(org.admin.email, org.admin.token)) },
      fc.constant(basic(org.users[0].email, org.users[0].token)),
      hostileString.map((s) => basic(s.slice(0, 200), s.slice(0, 200))),
    );
    const zulipFields = [
      'to',
      'type',
      'content',
      'topic',
      'subject',
      'narrow',
      'anchor',
      'num_before',
      'num_after',
      'emoji_name',
      'flag',
      'messages',
      'op',
      'stream_id',
      'subscriptions',
      'queue_id',
      'last_event_id',
      'event_types',
      'status',
    ];
    const cases = fc.constantFrom(...targets).chain((target) =>
      fc.record({
        target: fc.constant(target),
        params: fc.tuple(...target.pathParams.map(() => hostilePathId(ids)), fc.constant('')),
        query: hostileQuery([...target.query, ...zulipFields]),
        body: target.method === 'GET' ? fc.constant(undefined) : hostileBody([...target.body, ...zulipFields]),
        auth,
      }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ target, params, query, body, auth: authorization }) => {
        let i = 0;
        // A poll of /events would park for the heartbeat (50 s): ask for an immediate answer.
        const poll = target.method === 'GET' && target.path === '/api/v1/events' ? ['dont_block=true'] : [];
        const search = [query, ...poll].filter(Boolean).join('&');
        const path = target.path.replace(/\{[^}]+\}/g, () => params[i++] ?? 'x') + (search ? `?${search}` : '');
        await httpCase('Zulip REST', target.method, path, { authorization }, body, (status, text) => {
          const parsed = JSON.parse(text) as { result?: string };
          if (status >= 400) expect(parsed.result).toBe('error');
          return parsed.result === 'error';
        });
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
    );
  });

  it('Zulip narrows: deep nesting, huge operand lists, wrong types (register and message fetch)', async () => {
    const term = fc.oneof(
      fc.tuple(fc.constantFrom(...NARROW_OPERATORS), hostileValue),
      fc.record(
        {
          operator: fc.oneof(fc.constantFrom(...NARROW_OPERATORS), hostileString),
          operand: hostileValue,
          negated: fc.oneof(fc.boolean(), hostileValue),
        },
        { requiredKeys: [] },
      ),
      fc.constantFrom(...NARROW_OPERATORS).map((op) => [op, Array.from({ length: 5000 }, (_, i) => i)]),
      fc
        .integer({ min: 20, max: 3000 })
        .map((depth) => JSON.parse('['.repeat(depth) + '"channel"' + ']'.repeat(depth)) as unknown),
    );
    const narrow = fc.oneof(
      fc.array(term, { maxLength: 5 }),
      hostileValue,
      fc.integer({ min: 100, max: 5000 }).map((n) => Array.from({ length: n }, () => ['is', 'dm'])),
    );
    const basic = `Basic ${Buffer.from(`${org.users[0].email}:${org.users[0].token}`).toString('base64')}`;
    await fc.assert(
      fc.asyncProperty(narrow, fc.constantFrom('register', 'messages'), async (value, where) => {
        const encoded = encodeURIComponent(JSON.stringify(value) ?? 'null');
        if (where === 'register') {
          await httpCase(
            'Zulip narrows',
            'POST',
            '/api/v1/register',
            { authorization: basic },
            {
              contentType: 'application/x-www-form-urlencoded',
              text: `narrow=${encoded}&event_types=${encodeURIComponent('["message"]')}`,
            },
            () => false,
          );
        } else {
          await httpCase(
            'Zulip narrows',
            'GET',
            `/api/v1/messages?anchor=newest&num_before=5&num_after=0&narrow=${encoded}`,
            { authorization: basic },
            undefined,
            () => false,
          );
        }
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
    );
  });

  it('RTM client frames: wrong types, 16 KB+, binary, invalid UTF-8, floods', async () => {
    const jsonFrame = fc
      .dictionary(fc.oneof(fc.constantFrom(...RTM_FIELDS), fc.string({ maxLength: 6 })), hostileValue, { maxKeys: 5 })
      .chain((fields) =>
        fc
          .oneof(fc.constantFrom(...RTM_FRAME_TYPES), hostileString)
          .map((type) =>
            JSON.stringify({ ...fields, type, ...(fields.channel === undefined ? { channel: 'C' } : {}) }),
          ),
      );
    const frame = fc.oneof(
      { weight: 6, arbitrary: jsonFrame.map((text) => ({ kind: 'text' as const, data: text })) },
      fc.constantFrom('message', 'ping', 'typing').map((type) => ({
        kind: 'text' as const,
        data: JSON.stringify({ id: 1, type, channel: 'C', text: 'x'.repeat(17 * 1024) }),
      })),
      hostileString.map((s) => ({ kind: 'text' as const, data: s })),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'binary' as const, data: Buffer.from(bytes) })),
      fc
        .constantFrom(
          Buffer.from([0xc3, 0x28]),
          Buffer.from([0xff, 0xfe, 0x7b]),
          Buffer.from('{"type":"ping","x":"\xed\xa0\x80"}', 'latin1'),
        )
        .map((bytes) => ({ kind: 'invalid-utf8' as const, data: bytes })),
      fc.integer({ min: 50, max: 400 }).map((n) => ({ kind: 'flood' as const, data: n })),
    );
    const acceptableClose = new Set([1000, 1001, 1007, 1008, 1009, 1012, 4001]);
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 4 }), async (frames) => {
        counter.count('RTM frames');
        const client = await RtmTestClient.connect(cluster.apiUrl, org.users[0].token);
        for (const item of frames) {
          if (client.socket.readyState !== WebSocket.OPEN) break;
          if (item.kind === 'text') client.socket.send(item.data);
          else if (item.kind === 'binary') client.socket.send(item.data, { binary: true });
          else if (item.kind === 'invalid-utf8')
            (client.socket as unknown as { _sender: { send(data: Buffer, options: object): void } })._sender.send(
              item.data,
              { binary: false, fin: true, opcode: 1, mask: true, compress: false, rsv1: false },
            );
          else
            for (let i = 0; i < item.data; i++)
              client.socket.send(JSON.stringify({ id: i + 1, type: i % 3 ? 'ping' : 'typing', channel: 'C' }));
        }
        if (client.socket.readyState === WebSocket.OPEN) {
          // Still open: it must still answer (not silently wedged).
          client.socket.send(JSON.stringify({ id: 999_999, type: 'ping' }));
          const answered = client.waitFor((f) => f.reply_to === 999_999, 10_000).then(() => 'answered');
          const outcome = await Promise.race([answered, client.closed.then(() => 'closed')]).catch(() => 'silent');
          if (outcome === 'silent') throw new Error(`socket wedged after ${JSON.stringify(frames).slice(0, 300)}`);
        }
        if (client.socket.readyState !== WebSocket.OPEN) {
          const { code } = await client.closed;
          expect({ closedWith: code, acceptable: acceptableClose.has(code) }).toEqual({
            closedWith: code,
            acceptable: true,
          });
        }
        client.socket.terminate();
        expectSafe(
          await wireRequest(`http://127.0.0.1:${cluster.realtime[0].port}`, 'GET', '/health/live', {}),
          'realtime health after frames',
        );
      }),
      { seed: FUZZ_SEED, numRuns: Math.max(50, Math.floor(FUZZ_RUNS / 2)), endOnFailure: true },
    );
  });

  it('incoming webhooks and attachment links: garbage ids, tokens and bodies', async () => {
    const cases = fc.record({
      kind: fc.constantFrom('webhook', 'attachment', 'preview'),
      a: hostilePathId(ids),
      b: hostileString.filter((s) => s.length < 3000).map(encodeText),
      query: hostileQuery(['sign', 'userID', 'download', 'content', 'username']),
      body: hostileBody(['content', 'username', 'avatarURL', 'text']),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ kind, a, b, query, body }) => {
        if (kind === 'webhook')
          await httpCase(
            'webhooks + attachments',
            'POST',
            `/webhooks/${a}/${b}${query ? `?${query}` : ''}`,
            {},
            body,
            (status) => status >= 400,
          );
        else
          await httpCase(
            'webhooks + attachments',
            'GET',
            `/attachment/${a}/${kind === 'attachment' ? `original/${b}` : `preview.${b}`}?${query}`,
            {},
            undefined,
            () => false,
          );
      }),
      { seed: FUZZ_SEED, numRuns: Math.max(50, Math.floor(FUZZ_RUNS / 2)), endOnFailure: true },
    );
  });
});
