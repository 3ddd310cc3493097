import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type ChannelView, type CortezaIds, type MessageView, slackChannelId } from '@switchboard/contracts';

/** Corteza answers: the internal views with ids spelled `…ID`. */
type CortezaChannelBody = CortezaIds<ChannelView>;
type CortezaMessageBody = CortezaIds<MessageView>;
import { type Api, api } from '../support/api';
import { type TestOrg, type TestUser, createOrg } from '../support/admin';
import {
  OPERATIONS,
  ROLES,
  type Role,
  type Surface,
  modelMatrix,
  renderMatrixDocument,
} from '../support/authorisation-model';
import { Cluster } from '../support/cluster';
import { ROOT, TEST_DATABASE_URL } from '../support/env';
import { httpRequest } from '../support/http';
import { RtmTestClient } from '../support/rtm-client';
import { zulipApi } from '../support/zulip';

/**
 * The table this test keeps: who may do each operation (on a private channel the admin owns, see
 * docs/authorisation-matrix.md). It must equal what the permission model generates — a change to
 * role defaults or access rules fails here until the table (and the document) are updated on purpose.
 */
const KEPT: Record<string, Role[]> = {
  'read messages of a private channel': ['admin', 'member', 'bot'],
  'open an attachment link of a private channel': ['admin', 'member', 'bot'],
  'post to a private channel': ['admin', 'member', 'bot'],
  "edit someone else's message": ['admin'],
  "delete someone else's message": ['admin'],
  'change the channel (topic)': ['admin'],
  'create an outgoing webhook on the channel': ['admin'],
  'manage permission rules': ['admin'],
  'join a public channel': ['admin', 'member', 'bot', 'non-member', 'removed member'],
};

const DOC = path.join(ROOT, 'docs/authorisation-matrix.md');
type Outcome = 'allowed' | 'refused';
type Probe = (role: Role) => Promise<Outcome>;

jest.setTimeout(10 * 60_000);

describe('authorisation matrix: every role × operation × surface', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let other: TestOrg;
  const users = {} as Record<Role, TestUser>;
  let privateChannel: CortezaChannelBody;
  const results: string[] = [];
  /** Each role's signed link to one attachment, fetched while it could still read the channel. */
  const links: Partial<Record<Role, string>> = {};
  const attachmentDir = mkdtempSync(path.join(os.tmpdir(), 'sb-matrix-'));

  const rest = (role: Role): Api => api(cluster.apiUrl, users[role].token);
  const zulip = (role: Role) => zulipApi(cluster.apiUrl, users[role].email, users[role].token);
  const slack = async (
    role: Role,
    method: string,
    params: Record<string, string>,
  ): Promise<{ ok?: boolean; error?: string } & Record<string, unknown>> => {
    const response = await httpRequest(`${cluster.apiUrl}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${users[role].token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBeLessThan(500);
    return JSON.parse(response.text) as { ok?: boolean };
  };
  const restOutcome = (status: number): Outcome => {
    expect(status).toBeLessThan(500);
    return status < 300 ? 'allowed' : 'refused';
  };
  const zulipOutcome = (response: { status: number; body: { result?: string } }): Outcome => {
    expect(response.status).toBeLessThan(500);
    return response.body.result === 'success' ? 'allowed' : 'refused';
  };
  const adminPost = async (text: string): Promise<CortezaMessageBody> =>
    (
      await rest('admin').post<{ response: CortezaMessageBody }>(`/channels/${privateChannel.channelID}/messages/`, {
        message: text,
      })
    ).body.response;
  const slackChannelIdOf = (channel: CortezaChannelBody) =>
    slackChannelId({ channelId: channel.channelID, type: channel.type });
  const slackId = () => slackChannelIdOf(privateChannel);

  /** Opens what a role would use to follow the channel, posts, and reports whether the message arrived. */
  const delivered = async (role: Role, open: () => Promise<(text: string) => Promise<boolean>>): Promise<Outcome> => {
    let check: (text: string) => Promise<boolean>;
    try {
      check = await open();
    } catch {
      return 'refused';
    }
    const text = `seen-${randomUUID().slice(0, 8)}`;
    await adminPost(text);
    return (await check(text)) ? 'allowed' : 'refused';
  };

  const PROBES: Record<string, Partial<Record<Surface, Probe>>> = {
    'read messages of a private channel': {
      'Corteza REST': async (role) =>
        restOutcome((await rest(role).get(`/channels/${privateChannel.channelID}/messages/`)).status),
      'Slack Web API': async (role) =>
        (await slack(role, 'conversations.history', { channel: slackId() })).ok ? 'allowed' : 'refused',
      'Zulip REST': async (role) => {
        const marker = `zread-${randomUUID().slice(0, 8)}`;
        await adminPost(marker);
        const response = await zulip(role).get('/messages', {
          anchor: 'newest',
          num_before: 20,
          num_after: 0,
          narrow: [{ operator: 'channel', operand: privateChannel.zulipID }],
        });
        expect(response.status).toBeLessThan(500);
        const messages = (response.body.messages as { content: string }[] | undefined) ?? [];
        return messages.some((m) => m.content.includes(marker)) ? 'allowed' : 'refused';
      },
      search: async (role) => {
        const marker = `zsearch${randomUUID().slice(0, 8)}`;
        await adminPost(marker);
        const response = await rest(role).get<{ response?: { message: string }[] }>(`/search/messages?query=${marker}`);
        expect(response.status).toBeLessThan(500);
        return (response.body.response ?? []).some((m) => m.message.includes(marker)) ? 'allowed' : 'refused';
      },
      'RTM socket': (role) =>
        delivered(role, async () => {
          const client = await RtmTestClient.connect(cluster.apiUrl, users[role].token);
          return async (text) => {
            const seen = await client
              .waitFor((frame) => frame.type === 'message' && frame.text === text, 3000)
              .then(
                () => true,
                () => false,
              );
            client.close();
            return seen;
          };
        }),
      'Zulip queue (narrow)': (role) =>
        delivered(role, async () => {
          const registered = await zulip(role).post('/register', {
            event_types: ['message'],
            narrow: [['channel', privateChannel.zulipID]],
          });
          if (registered.body.result !== 'success') throw new Error('refused');
          const queueId = registered.body.queue_id as string;
          return async (text) => {
            for (let attempt = 0; attempt < 15; attempt++) {
              const events = await zulip(role).get('/events', {
                queue_id: queueId,
                last_event_id: -1,
                dont_block: true,
              });
              if (
                ((events.body.events as { type: string; message?: { content: string } }[] | undefined) ?? []).some(
                  (e) => e.type === 'message' && e.message?.content.includes(text),
                )
              )
                return true;
              await new Promise((resolve) => setTimeout(resolve, 200));
            }
            return false;
          };
        }),
    },
    'open an attachment link of a private channel': {
      'attachment links': async (role) => {
        const link = links[role] ?? links.member!.replace(/userID=\d+/, `userID=${users[role].id}`);
        const response = await httpRequest(cluster.apiUrl + link);
        return restOutcome(response.status);
      },
    },
    'post to a private channel': {
      'Corteza REST': async (role) =>
        restOutcome(
          (await rest(role).post(`/channels/${privateChannel.channelID}/messages/`, { message: `by ${role}` })).status,
        ),
      'Slack Web API': async (role) =>
        (await slack(role, 'chat.postMessage', { channel: slackId(), text: `by ${role}` })).ok ? 'allowed' : 'refused',
      'Zulip REST': async (role) =>
        zulipOutcome(
          await zulip(role).post('/messages', {
            type: 'stream',
            to: String(privateChannel.zulipID),
            topic: 't',
            content: `by ${role}`,
          }),
        ),
      'RTM socket': async (role) => {
        let client: RtmTestClient;
        try {
          client = await RtmTestClient.connect(cluster.apiUrl, users[role].token);
        } catch {
          return 'refused';
        }
        const reply = await client.request({ type: 'message', channel: slackId(), text: `rtm by ${role}` });
        client.close();
        return reply.ok === true ? 'allowed' : 'refused';
      },
    },
    "edit someone else's message": {
      'Corteza REST': async (role) =>
        restOutcome(
          (
            await rest(role).put(
              `/channels/${privateChannel.channelID}/messages/${(await adminPost('to edit')).messageID}`,
              { message: 'edited' },
            )
          ).status,
        ),
      'Slack Web API': async (role) =>
        (await slack(role, 'chat.update', { channel: slackId(), ts: (await adminPost('to edit')).ts, text: 'edited' }))
          .ok
          ? 'allowed'
          : 'refused',
      'Zulip REST': async (role) =>
        zulipOutcome(
          await zulip(role).patch(`/messages/${(await adminPost('to edit')).zulipID}`, { content: 'edited' }),
        ),
    },
    "delete someone else's message": {
      'Corteza REST': async (role) =>
        restOutcome(
          (
            await rest(role).delete(
              `/channels/${privateChannel.channelID}/messages/${(await adminPost('to delete')).messageID}`,
            )
          ).status,
        ),
      'Slack Web API': async (role) =>
        (await slack(role, 'chat.delete', { channel: slackId(), ts: (await adminPost('to delete')).ts })).ok
          ? 'allowed'
          : 'refused',
      'Zulip REST': async (role) =>
        zulipOutcome(await zulip(role).delete(`/messages/${(await adminPost('to delete')).zulipID}`)),
    },
    'change the channel (topic)': {
      'Corteza REST': async (role) =>
        restOutcome(
          (await rest(role).put(`/channels/${privateChannel.channelID}`, { topic: `set by ${role}` })).status,
        ),
    },
    'create an outgoing webhook on the channel': {
      webhooks: async (role) =>
        restOutcome(
          (
            await rest(role).post('/webhooks/', {
              channelID: privateChannel.channelID,
              kind: 'outgoing',
              userID: users.bot.id,
              trigger: `!${role.replace(/\W/g, '')}`,
              url: 'https://example.com/hook',
            })
          ).status,
        ),
    },
    'manage permission rules': {
      // Allowed means the rule landed in this organisation (another organisation's admin can only change their own).
      'Corteza REST': async (role) => {
        const rule = { resource: `messaging:channel:${privateChannel.channelID}`, operation: 'command.exec' };
        const status = (
          await rest(role).call('PATCH', '/permissions/2/rules', { rules: [{ ...rule, access: 'deny' }] })
        ).status;
        const { rules } = (
          await rest('admin').get<{ response: { rules: { resource: string; operation: string; access: string }[] } }>(
            '/permissions/2/rules',
          )
        ).body.response;
        const landed = rules.some(
          (r) => r.resource === rule.resource && r.operation === rule.operation && r.access === 'deny',
        );
        await rest('admin').call('PATCH', '/permissions/2/rules', { rules: [{ ...rule, access: 'inherit' }] });
        return restOutcome(status) === 'allowed' && landed ? 'allowed' : 'refused';
      },
    },
    'join a public channel': {
      'Corteza REST': async (role) =>
        restOutcome(
          (await rest(role).put(`/channels/${(await freshPublicChannel(role)).channelID}/members/${users[role].id}`))
            .status,
        ),
      'Slack Web API': async (role) =>
        (await slack(role, 'conversations.join', { channel: slackChannelIdOf(await freshPublicChannel(role)) })).ok
          ? 'allowed'
          : 'refused',
    },
  };

  /** A public channel the role is not yet in (the admin's own would already count them as owner). */
  const freshPublicChannel = async (role: Role): Promise<CortezaChannelBody> => {
    const creator: Role = role === 'admin' ? 'member' : 'admin';
    return (
      await rest(creator).post<{ response: CortezaChannelBody }>('/channels/', {
        name: `pub-${randomUUID().slice(0, 8)}`,
      })
    ).body.response;
  };

  beforeAll(async () => {
    org = createOrg(5, { bots: 1 });
    other = createOrg(0);
    Object.assign(users, {
      admin: org.admin,
      member: org.users[0],
      'non-member': org.users[1],
      'removed member': org.users[2],
      'deactivated user': org.users[3],
      bot: org.users[5],
      'other organisation': other.admin,
    });
    // Deactivation and removal must be seen at once: no credential cache at the edges.
    cluster = await Cluster.start({
      messagingEnv: { ATTACHMENT_DIR: attachmentDir },
      gatewayEnv: {
        AUTH_CACHE_SECONDS: '0',
        REQUESTS_PER_TOKEN_PER_MINUTE: '0',
        REQUESTS_PER_IP_PER_MINUTE: '0',
        API_REQUESTS_PER_MINUTE: '0',
        RTM_CONNECTS_PER_MINUTE: '0',
      },
      realtimeEnv: { AUTH_CACHE_SECONDS: '0' },
    });
    const members = [users.member.id, users.bot.id, users['removed member'].id, users['deactivated user'].id];
    privateChannel = (
      await rest('admin').post<{ response: CortezaChannelBody }>('/channels/', {
        name: `matrix-${randomUUID().slice(0, 8)}`,
        type: 'private',
        members,
      })
    ).body.response;
    const form = new FormData();
    form.append('upload', new Blob(['matrix notes'], { type: 'text/plain' }), 'notes.txt');
    const uploaded = await fetch(`${cluster.apiUrl}/channels/${privateChannel.channelID}/attach`, {
      method: 'POST',
      headers: { authorization: `Bearer ${users.admin.token}` },
      body: form,
    });
    const attachmentMessage = ((await uploaded.json()) as { response: { messageID: string } }).response.messageID;
    for (const role of ['admin', 'member', 'bot', 'removed member', 'deactivated user'] as Role[]) {
      const history = await rest(role).get<{
        response: { messages: { messageID: string; attachment?: { url: string } }[] };
      }>(`/channels/${privateChannel.channelID}/messages/`);
      links[role] = history.body.response.messages.find((m) => m.messageID === attachmentMessage)?.attachment?.url;
      expect(links[role]).toBeDefined();
    }
    expect(
      (await rest('admin').delete(`/channels/${privateChannel.channelID}/members/${users['removed member'].id}`))
        .status,
    ).toBe(200);
    const db = new Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    // No admin command deactivates a user yet; the column is what every check reads.
    await db.query('UPDATE users SET deactivated_at = now() WHERE id = $1', [users['deactivated user'].id]);
    await db.end();
  });

  afterAll(async () => {
    console.log(`authorisation matrix: ${results.length} cells checked\n${results.join('\n')}`);
    await cluster?.stop();
    rmSync(attachmentDir, { recursive: true, force: true });
  });

  it('the kept table is what the permission model generates', () => {
    expect(KEPT).toEqual(modelMatrix());
  });

  it('docs/authorisation-matrix.md is the rendered table', () => {
    const rendered = renderMatrixDocument(KEPT);
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, rendered);
    expect(readFileSync(DOC, 'utf8')).toBe(rendered);
  });

  for (const operation of OPERATIONS) {
    it(`${operation.name}: allowed exactly for ${KEPT[operation.name].join(', ')} on ${operation.surfaces.join(', ')}`, async () => {
      const observed: string[] = [];
      const expected: string[] = [];
      for (const surface of operation.surfaces) {
        const probe = PROBES[operation.name][surface];
        if (!probe) throw new Error(`no probe for ${operation.name} on ${surface}`);
        for (const role of ROLES) {
          const outcome = await probe(role);
          observed.push(`${surface} / ${role}: ${outcome}`);
          expected.push(`${surface} / ${role}: ${KEPT[operation.name].includes(role) ? 'allowed' : 'refused'}`);
          results.push(`  ${operation.name} | ${surface} | ${role}: ${outcome}`);
        }
      }
      expect(observed).toEqual(expected);
    });
  }
});
