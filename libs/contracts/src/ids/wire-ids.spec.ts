import { cortezaIds } from './wire-ids';

describe('cortezaIds', () => {
  it('respells …Id and …Ids keys at any depth, and nothing else', () => {
    const view = {
      webhookId: '1',
      trigger: null,
      rules: [{ roleId: '2', resource: 'messaging' }],
      reactions: { userIds: ['3'] },
      valid: true,
      hidden: 'channelId',
    };
    expect(cortezaIds(view)).toEqual({
      webhookID: '1',
      trigger: null,
      rules: [{ roleID: '2', resource: 'messaging' }],
      reactions: { userIDs: ['3'] },
      valid: true,
      hidden: 'channelId',
    });
  });
});
