import { parseWithCurrentIdKeys, withCurrentIdKeys } from './legacy-id-keys';

describe('legacy id keys', () => {
  const legacy = {
    message: { messageId: '1', zulipId: 2, reactions: [{ reaction: 'x', userIds: ['3'] }], text: 'channelID: 4' },
    flipped: { zulipIds: [2] },
    userId: '3',
  };
  const current = {
    message: { messageId: '1', zulipId: 2, reactions: [{ reaction: 'x', userIds: ['3'] }], text: 'channelID: 4' },
    flipped: { zulipIds: [2] },
    userId: '3',
  };

  it('reads keys written as …ID and …IDs as …Id and …Ids, at any depth, leaving values alone', () => {
    expect(withCurrentIdKeys(legacy)).toEqual(current);
    expect(parseWithCurrentIdKeys(JSON.stringify(legacy))).toEqual(current);
  });

  it('gives current data back as it is', () => {
    expect(withCurrentIdKeys(current)).toBe(current);
    expect(parseWithCurrentIdKeys(JSON.stringify(current))).toEqual(current);
  });
});
