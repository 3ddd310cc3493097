import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';

type Body<T = Record<string, unknown>> = { response: T; error?: { code: string; message: string } };
type Effective = { resource: string; operation: string; access: string; source: string }[];
const MEMBER_ROLE = '2';
const ADMIN_ROLE = '1';

describe('Permissions: roles, rules, effective access, and the access checks that consult them', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let admin: Api;
  let member: Api;
  let channelId: string;

  const expectError = async (promise: Promise<{ status: number; body: unknown }>, status: number, code: string) => {
    const { status: actual, body } = await promise;
    expect({ status: actual, code: (body as Body).error?.code }).toEqual({ status, code });
  };
  const patch = (who: Api, roleId: string, rules: unknown) =>
    who.call<Body>('PATCH', `/permissions/${roleId}/rules`, { rules });

  beforeAll(async () => {
    org = createOrg(1); // before the cluster: see status.e2e.ts
    cluster = await Cluster.start();
    admin = api(cluster.apiUrl, org.admin.token);
    member = api(cluster.apiUrl, org.users[0].token);
    channelId = (
      await admin.post<Body<{ channelID: string }>>('/channels/', { name: 'perm-general', members: [org.users[0].id] })
    ).body.response.channelID;
  });

  afterAll(() => cluster.stop());

  it('lists the operations that exist with each role’s default', async () => {
    const { status, body } =
      await member.get<Body<{ resource: string; operation: string; defaults: Record<string, string> }[]>>(
        '/permissions/',
      );
    expect(status).toBe(200);
    expect(body.response).toEqual(
      expect.arrayContaining([
        { resource: 'messaging:channel:*', operation: 'read', defaults: { admin: 'allow', member: 'allow' } },
        {
          resource: 'messaging:channel:*',
          operation: 'message.delete.all',
          defaults: { admin: 'allow', member: 'deny' },
        },
        { resource: 'messaging', operation: 'permissions.manage', defaults: { admin: 'allow', member: 'deny' } },
      ]),
    );
  });

  it('shows the caller’s effective access, for everything or one resource', async () => {
    const all = (await member.get<Body<Effective>>('/permissions/effective')).body.response;
    expect(all).toContainEqual({
      resource: 'messaging:channel:*',
      operation: 'message.send',
      access: 'allow',
      source: 'default',
    });
    expect(all).toContainEqual({
      resource: 'messaging',
      operation: 'permissions.manage',
      access: 'deny',
      source: 'default',
    });
    const one = (await member.get<Body<Effective>>(`/permissions/effective?resource=messaging:channel:${channelId}`))
      .body.response;
    expect(one.every((rule) => rule.resource === `messaging:channel:${channelId}`)).toBe(true);
    await expectError(member.get('/permissions/effective?resource=nonsense'), 400, 'validation_failed');
  });

  it('members may neither read nor change role rules; unknown roles and bad ids are refused', async () => {
    await expectError(member.get(`/permissions/${MEMBER_ROLE}/rules`), 403, 'forbidden');
    await expectError(
      patch(member, MEMBER_ROLE, [{ resource: 'messaging:channel:*', operation: 'read', access: 'allow' }]),
      403,
      'forbidden',
    );
    await expectError(member.delete(`/permissions/${MEMBER_ROLE}/rules`), 403, 'forbidden');
    await expectError(admin.get('/permissions/999/rules'), 404, 'not_found');
    await expectError(admin.get('/permissions/abc/rules'), 400, 'bad_request');
  });

  it.each([
    ['no rules', undefined],
    ['empty list', []],
    ['unknown operation', [{ resource: 'messaging', operation: 'fly', access: 'allow' }]],
    ['unknown access', [{ resource: 'messaging:channel:*', operation: 'read', access: 'maybe' }]],
    [
      'resource that does not fit',
      [{ resource: 'messaging:channel:*', operation: 'permissions.manage', access: 'allow' }],
    ],
    ['malformed channel resource', [{ resource: 'messaging:channel:abc', operation: 'read', access: 'deny' }]],
    ['locking admins out', [{ resource: 'messaging', operation: 'permissions.manage', access: 'deny' }]],
  ])('PATCH refuses bad rules (%s) and changes nothing', async (_label, rules) => {
    const roleId = _label === 'locking admins out' ? ADMIN_ROLE : MEMBER_ROLE;
    await expectError(patch(admin, roleId, rules), 400, 'validation_failed');
    expect((await admin.get<Body<{ rules: unknown[] }>>(`/permissions/${roleId}/rules`)).body.response.rules).toEqual(
      [],
    );
  });

  it('a deny over every channel stops members posting, deny wins over a specific allow, and DELETE restores the defaults', async () => {
    expect((await member.post(`/channels/${channelId}/messages/`, { message: 'before' })).status).toBe(200);
    const set = await patch(admin, MEMBER_ROLE, [
      { resource: 'messaging:channel:*', operation: 'message.send', access: 'deny' },
      { resource: `messaging:channel:${channelId}`, operation: 'message.send', access: 'allow' },
    ]);
    expect(set.status).toBe(200);
    expect((set.body.response as { rules: unknown[] }).rules).toHaveLength(2);
    await expectError(member.post(`/channels/${channelId}/messages/`, { message: 'denied' }), 403, 'forbidden');
    expect((await admin.post(`/channels/${channelId}/messages/`, { message: 'admins unaffected' })).status).toBe(200);
    const effective = (
      await member.get<Body<Effective>>(`/permissions/effective?resource=messaging:channel:${channelId}`)
    ).body.response;
    expect(effective).toContainEqual({
      resource: `messaging:channel:${channelId}`,
      operation: 'message.send',
      access: 'deny',
      source: 'rule',
    });

    // inherit removes one rule; the other stays
    await patch(admin, MEMBER_ROLE, [
      { resource: 'messaging:channel:*', operation: 'message.send', access: 'inherit' },
    ]);
    expect(
      (await admin.get<Body<{ rules: unknown[] }>>(`/permissions/${MEMBER_ROLE}/rules`)).body.response.rules,
    ).toHaveLength(1);
    expect((await member.post(`/channels/${channelId}/messages/`, { message: 'allowed again' })).status).toBe(200);

    const reset = await admin.delete<Body<{ rules: unknown[] }>>(`/permissions/${MEMBER_ROLE}/rules`);
    expect(reset.body.response.rules).toEqual([]);
  });

  it('a read deny hides a channel like an unknown one, from reads and from the list', async () => {
    await patch(admin, MEMBER_ROLE, [
      { resource: `messaging:channel:${channelId}`, operation: 'read', access: 'deny' },
    ]);
    try {
      await expectError(member.get(`/channels/${channelId}`), 404, 'channel_not_found');
      await expectError(member.get(`/channels/${channelId}/messages/`), 404, 'channel_not_found');
      const list = (await member.get<Body<{ channelID: string }[]>>('/channels/')).body.response;
      expect(list.map((c) => c.channelID)).not.toContain(channelId);
    } finally {
      await admin.delete(`/permissions/${MEMBER_ROLE}/rules`);
    }
    expect((await member.get(`/channels/${channelId}`)).status).toBe(200);
  });

  it('an allow lets members delete others’ messages; organisation-level denies stop channel creation', async () => {
    const byAdmin = (
      await admin.post<Body<{ messageID: string }>>(`/channels/${channelId}/messages/`, { message: 'by admin' })
    ).body.response.messageID;
    await expectError(member.delete(`/channels/${channelId}/messages/${byAdmin}`), 403, 'forbidden');
    await patch(admin, MEMBER_ROLE, [
      { resource: 'messaging:channel:*', operation: 'message.delete.all', access: 'allow' },
      { resource: 'messaging', operation: 'channel.public.create', access: 'deny' },
    ]);
    try {
      expect((await member.delete(`/channels/${channelId}/messages/${byAdmin}`)).status).toBe(200);
      await expectError(member.post('/channels/', { name: 'not-allowed' }), 403, 'forbidden');
      expect((await member.post('/channels/', { name: 'private-ok', type: 'private' })).status).toBe(200);
    } finally {
      await admin.delete(`/permissions/${MEMBER_ROLE}/rules`);
    }
  });
});
