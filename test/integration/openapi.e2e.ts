import { api } from '../support/api';
import { Cluster } from '../support/cluster';

type Operation = {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string; properties?: Record<string, unknown> } }> };
};
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};

/** Every endpoint of seed 004 with its parameters (path, query, or body fields), as the seed names them. */
const SEED_004: [string, string, string[]][] = [
  ['post', '/activity', ['channelID', 'messageID', 'kind']],
  ['get', '/attachment/{attachmentID}/original/{name}', ['attachmentID', 'name', 'sign', 'userID', 'download']],
  ['get', '/attachment/{attachmentID}/preview.{ext}', ['attachmentID', 'ext', 'sign', 'userID']],
  ['get', '/channels', ['query']],
  ['post', '/channels', ['name', 'topic', 'type', 'members']],
  ['put', '/channels/{channelID}', ['channelID', 'name', 'topic', 'type', 'organisationID']],
  ['put', '/channels/{channelID}/state', ['channelID', 'state']],
  ['put', '/channels/{channelID}/flag', ['channelID', 'flag']],
  ['delete', '/channels/{channelID}/flag', ['channelID']],
  ['get', '/channels/{channelID}', ['channelID']],
  ['get', '/channels/{channelID}/members', ['channelID']],
  ['put', '/channels/{channelID}/members/{userID}', ['channelID', 'userID']],
  ['delete', '/channels/{channelID}/members/{userID}', ['channelID', 'userID']],
  ['post', '/channels/{channelID}/invite', ['channelID', 'userID']],
  ['post', '/channels/{channelID}/attach', ['channelID', 'replyTo', 'upload']],
  ['get', '/commands', []],
  ['post', '/channels/{channelID}/messages', ['channelID', 'message']],
  ['post', '/channels/{channelID}/messages/command/{command}/exec', ['channelID', 'command', 'input', 'params']],
  ['get', '/channels/{channelID}/messages/mark-as-read', ['channelID', 'threadID', 'lastReadMessageID']],
  ['put', '/channels/{channelID}/messages/{messageID}', ['channelID', 'messageID', 'message']],
  ['delete', '/channels/{channelID}/messages/{messageID}', ['channelID', 'messageID']],
  ['post', '/channels/{channelID}/messages/{messageID}/replies', ['channelID', 'messageID', 'message']],
  ['post', '/channels/{channelID}/messages/{messageID}/pin', ['channelID', 'messageID']],
  ['delete', '/channels/{channelID}/messages/{messageID}/pin', ['channelID', 'messageID']],
  ['post', '/channels/{channelID}/messages/{messageID}/bookmark', ['channelID', 'messageID']],
  ['delete', '/channels/{channelID}/messages/{messageID}/bookmark', ['channelID', 'messageID']],
  ['post', '/channels/{channelID}/messages/{messageID}/reaction/{reaction}', ['channelID', 'messageID', 'reaction']],
  ['delete', '/channels/{channelID}/messages/{messageID}/reaction/{reaction}', ['channelID', 'messageID', 'reaction']],
  ['get', '/permissions', []],
  ['get', '/permissions/effective', ['resource']],
  ['get', '/permissions/{roleID}/rules', ['roleID']],
  ['delete', '/permissions/{roleID}/rules', ['roleID']],
  ['patch', '/permissions/{roleID}/rules', ['roleID', 'rules']],
  [
    'get',
    '/search/messages',
    [
      'afterMessageID',
      'beforeMessageID',
      'fromMessageID',
      'toMessageID',
      'threadID',
      'userID',
      'type',
      'pinnedOnly',
      'bookmarkedOnly',
      'limit',
      'query',
    ],
  ],
  ['get', '/search/threads', ['limit', 'query']],
  ['get', '/status', []],
  ['post', '/status', ['icon', 'message', 'expires']],
  ['delete', '/status', []],
  ['get', '/webhooks', ['userID']],
  // `avatar` (a file upload) is not supported: webhooks take `avatarURL` (see docs/api/webhooks.md).
  ['post', '/webhooks', ['kind', 'userID', 'trigger', 'url', 'username', 'avatarURL']],
  ['post', '/webhooks/{webhookID}', ['webhookID', 'kind', 'userID', 'trigger', 'url', 'username', 'avatarURL']],
  ['get', '/webhooks/{webhookID}', ['webhookID']],
  ['delete', '/webhooks/{webhookID}', ['webhookID']],
  ['delete', '/webhooks/{webhookID}/{webhookToken}', ['webhookID', 'webhookToken']],
  ['post', '/webhooks/{webhookID}/{webhookToken}', ['webhookID', 'webhookToken', 'username', 'avatarURL', 'content']],
];

/** Endpoints beyond seed 004 (docs/api/webhooks.md). */
const EXTENSIONS: [string, string, string[]][] = [
  ['get', '/webhooks/{webhookID}/deliveries', ['webhookID', 'status', 'limit', 'beforeDeliveryID', 'afterDeliveryID']],
  ['post', '/webhooks/{webhookID}/deliveries/{deliveryID}/retry', ['webhookID', 'deliveryID']],
];

describe('OpenAPI document served by the api-gateway', () => {
  let cluster: Cluster;
  let document: Document;

  beforeAll(async () => {
    cluster = await Cluster.start();
    const response = await api(cluster.apiUrl).get<Document>('/openapi.json');
    expect(response.status).toBe(200);
    document = response.body;
  });

  afterAll(() => cluster.stop());

  const parametersOf = (operation: Operation): string[] => {
    const names = (operation.parameters ?? []).map((parameter) => parameter.name);
    for (const content of Object.values(operation.requestBody?.content ?? {})) {
      const schema = content.schema.$ref
        ? document.components.schemas[content.schema.$ref.split('/').pop()!]
        : content.schema;
      names.push(...Object.keys(schema?.properties ?? {}));
    }
    return names;
  };

  it('is OpenAPI 3 without authentication, with a docs page', async () => {
    expect(document.openapi).toMatch(/^3\./);
    const page = await fetch(`${cluster.apiUrl}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });

  it.each([...SEED_004, ...EXTENSIONS])('lists %s %s with its parameters', (method, path, parameters) => {
    const operation = document.paths[path]?.[method];
    expect(operation).toBeDefined();
    expect(parametersOf(operation!)).toEqual(expect.arrayContaining(parameters));
  });
});
