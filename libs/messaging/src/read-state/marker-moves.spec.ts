import { type ListedMessage, flippedListed, markerTargets, movesMarker, scopeKey } from './marker-moves';

const top = (id: string, channelId = '1'): ListedMessage => ({ id, channelId, threadId: null });
const reply = (id: string, threadId: string, channelId = '1'): ListedMessage => ({ id, channelId, threadId });

describe('markerTargets', () => {
  const listed = [
    top('105'),
    reply('120', '100'),
    top('103'),
    reply('110', '100'),
    top('900000000000000001', '2'),
    top('900000000000000009', '2'),
  ];

  it('reads up to the newest listed message under each marker', () => {
    expect(markerTargets(listed, true)).toEqual([
      { channelId: '1', threadId: null, messageId: '105' },
      { channelId: '1', threadId: '100', messageId: '120' },
      { channelId: '2', threadId: null, messageId: '900000000000000009' },
    ]);
  });

  it('unreads from the oldest listed message under each marker', () => {
    expect(markerTargets(listed, false)).toEqual([
      { channelId: '1', threadId: null, messageId: '103' },
      { channelId: '1', threadId: '100', messageId: '110' },
      { channelId: '2', threadId: null, messageId: '900000000000000001' },
    ]);
  });

  it('compares 64-bit ids exactly, not as strings or doubles', () => {
    expect(markerTargets([top('99'), top('100')], true)[0].messageId).toBe('100');
    expect(markerTargets([top('9007199254740993'), top('9007199254740992')], true)[0].messageId).toBe(
      '9007199254740993',
    );
  });

  it('keeps the channel marker and a thread marker of one channel apart', () => {
    expect(scopeKey({ channelId: '1', threadId: null })).not.toBe(scopeKey({ channelId: '1', threadId: '1' }));
  });

  it('has nothing to move for nothing listed', () => expect(markerTargets([], true)).toEqual([]));
});

describe('movesMarker', () => {
  it.each<[string | null, string | null, 'forward' | 'backward', boolean]>([
    [null, '5', 'forward', true],
    ['5', '7', 'forward', true],
    ['7', '5', 'forward', false],
    ['5', '5', 'forward', false],
    ['7', '5', 'backward', true],
    ['7', null, 'backward', true],
    [null, null, 'backward', false],
    ['5', '7', 'backward', false],
  ])('from %p to %p %s: %p', (from, to, direction, moves) => {
    expect(movesMarker(from, to, direction)).toBe(moves);
  });
});

describe('flippedListed', () => {
  const listed = [top('3'), top('5'), top('8'), reply('6', '2')];

  it('lists the listed messages between the old and the new place of a moved marker', () => {
    expect(flippedListed(listed, [{ channelId: '1', threadId: null, from: '4', to: '8' }])).toEqual(['5', '8']);
    expect(flippedListed(listed, [{ channelId: '1', threadId: null, from: '8', to: '4' }])).toEqual(['5', '8']);
    expect(flippedListed(listed, [{ channelId: '1', threadId: null, from: null, to: '8' }])).toEqual(['3', '5', '8']);
  });

  it('ignores messages under markers that did not move', () => {
    expect(flippedListed(listed, [{ channelId: '1', threadId: '2', from: null, to: '6' }])).toEqual(['6']);
    expect(flippedListed(listed, [])).toEqual([]);
  });
});
